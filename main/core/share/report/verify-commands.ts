/**
 * What the reader needs to verify a bundle: the zip's name and the producer's public key.
 *
 * `publicKeyBase64`, `keyId` and `fingerprint` are null for an unsigned bundle. `keyFileName` is
 * the key's file under `keys/` (`example-cert.pub` or `keys/example-cert.pub`) when known.
 */
export interface VerifyInfo {
  readonly zipName: string
  readonly publicKeyBase64: string | null
  readonly keyId: string | null
  readonly fingerprint: string | null
  readonly keyFileName?: string | null
}

/**
 * Quote a word for a POSIX shell: as is when it holds only safe characters, else in single
 * quotes (a `'` inside becomes `'\''`).
 *
 * Zip names come from case names and evidence labels, which may hold spaces or quotes.
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9._+/=:@%,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * Quote a word for PowerShell: as is when safe, else in single quotes (`'` doubled).
 *
 * PowerShell single-quoted strings expand nothing.
 */
export function powerShellQuote(word: string): string {
  return /^[A-Za-z0-9._+/=:@%,-]+$/.test(word) ? word : `'${word.replace(/'/g, "''")}'`
}

/** The key's path in the bundle: `keys/<name>`, whether or not the caller gave the folder. */
function keyPath(keyFileName: string): string {
  return keyFileName.startsWith('keys/') ? keyFileName : `keys/${keyFileName}`
}

/** The folder `unzip -d` extracts into: the zip name without `.zip`. */
function folderOf(zipName: string): string {
  const base = zipName.replace(/\.zip$/i, '')
  return base === '' || base === zipName ? `${zipName}.d` : base
}

/**
 * The POSIX verification runbook (sharing-formats §4.3), as lines of text with `#` comments.
 *
 * Signed bundles: outer zip signature, unzip, SHA256SUMS signature, every file's hash.
 * Unsigned bundles: unzip and the hashes only.
 */
export function posixVerifyCommands(verify: VerifyInfo): readonly string[] {
  const zip = shellQuote(verify.zipName)
  const dir = shellQuote(folderOf(verify.zipName))
  const key = verify.publicKeyBase64
  const keyFile =
    verify.keyFileName === undefined || verify.keyFileName === null
      ? null
      : shellQuote(keyPath(verify.keyFileName))
  const lines: string[] = []
  if (key !== null) {
    lines.push('# 1. The container, before opening it (the .minisig file lies next to the zip):')
    lines.push(`minisign -Vm ${zip} -P ${key}`)
  }
  lines.push('# 2. Unpack:', `unzip ${zip} -d ${dir}`, `cd ${dir}`)
  if (key !== null) {
    lines.push('# 3. The signed checksum list:')
    lines.push(
      keyFile === null
        ? `minisign -Vm SHA256SUMS -P ${key}`
        : `minisign -Vm SHA256SUMS -p ${keyFile}`,
    )
    if (keyFile !== null)
      lines.push(`#    same check with the key given inline: minisign -Vm SHA256SUMS -P ${key}`)
  }
  lines.push('# 4. Every file against the list (Linux, then macOS):')
  lines.push('sha256sum -c SHA256SUMS', 'shasum -a 256 -c SHA256SUMS')
  return lines
}

/**
 * The Windows PowerShell runbook: the same checks with minisign (scoop/choco) and Get-FileHash.
 *
 * Prints `FAIL <file>` for every mismatch and nothing when all files match.
 */
export function powerShellVerifyCommands(verify: VerifyInfo): readonly string[] {
  const zip = powerShellQuote(verify.zipName)
  const dir = powerShellQuote(folderOf(verify.zipName))
  const key = verify.publicKeyBase64
  const lines: string[] = []
  if (key !== null) lines.push(`minisign -Vm ${zip} -P ${key}`)
  lines.push(`Expand-Archive -Path ${zip} -DestinationPath ${dir}`, `Set-Location ${dir}`)
  if (key !== null) lines.push(`minisign -Vm SHA256SUMS -P ${key}`)
  lines.push(
    `Get-Content SHA256SUMS | % { $h,$f = $_ -split '  ',2; if ((Get-FileHash -Algorithm SHA256 $f).Hash -ne $h.ToUpper()) { "FAIL $f" } }`,
  )
  return lines
}

/**
 * The trust caution, word for word the same in the report and README.txt.
 *
 * The key inside the bundle proves nothing on its own: anyone can ship a key with a bundle.
 */
export const TRUST_CAUTION =
  'Trust comes from an out-of-band copy of the key: compare the key id and fingerprint with the copy the sender gave you by another channel (in person, printed, read over the phone, or from the partner portal). The key in keys/ and on this page is a convenience only; anyone can put a key into a bundle.'
