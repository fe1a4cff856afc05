/**
 * The commands a partner runs to check a bundle outside Outpost (the short form of the
 * runbook in the bundle's README.txt and HTML report).
 */

/** The last component of a path, `/` or `\` separated. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] ?? path
}

/** Quote a word for a POSIX shell: as is when safe, else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9._+/=:@%,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/** The POSIX commands that check `zipPath` against the public key `publicKeyBase64`. */
export function verifyCommands(zipPath: string, publicKeyBase64: string | null): readonly string[] {
  const zipName = baseName(zipPath)
  const zip = shellWord(zipName)
  const dir = shellWord(zipName.replace(/\.zip$/i, '') || `${zipName}.d`)
  const key = publicKeyBase64 === null ? null : shellWord(publicKeyBase64)
  return [
    ...(key === null ? [] : [`minisign -Vm ${zip} -P ${key}`]),
    `unzip ${zip} -d ${dir} && cd ${dir}`,
    ...(key === null ? [] : [`minisign -Vm SHA256SUMS -P ${key}`]),
    'sha256sum -c SHA256SUMS',
  ]
}
