import { AppError } from '../../model/errors'
import { isUnsafeEntryName } from '../../archive/zip-reader'

/** The files every bundle's SHA256SUMS leaves out: itself and its signature. */
export const SUMS_FILE = 'SHA256SUMS'
export const SUMS_SIGNATURE_FILE = 'SHA256SUMS.minisig'

/** Lines a SHA256SUMS may have (a bundle lists far fewer files). */
const MAX_LINES = 20_000

/**
 * `SHA256SUMS` in GNU coreutils format: `<hex>␠␠<path>` per file, sorted by path, LF endings —
 * what `sha256sum -c SHA256SUMS` checks.
 */
export function formatSha256Sums(files: readonly { path: string; sha256: string }[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return sorted.map((file) => `${file.sha256}  ${file.path}\n`).join('')
}

/**
 * Parse an untrusted SHA256SUMS (already signature-checked): strict format, safe relative
 * paths, no path twice, neither itself nor its signature listed.
 *
 * @throws AppError `BUNDLE_INVALID` naming the line at fault.
 */
export function parseSha256Sums(text: string): Map<string, string> {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (lines.length > MAX_LINES) {
    throw new AppError('BUNDLE_INVALID', `SHA256SUMS lists ${lines.length} files; too many.`)
  }
  const sums = new Map<string, string>()
  lines.forEach((line, i) => {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
    const bad = (why: string): AppError =>
      new AppError('BUNDLE_INVALID', `SHA256SUMS line ${i + 1} ${why}.`)
    if (match === null) throw bad('is not "<sha256>  <path>"')
    const [, sha256 = '', path = ''] = match
    if (isUnsafeEntryName(path)) throw bad(`names an unsafe path (${JSON.stringify(path)})`)
    if (path === SUMS_FILE || path === SUMS_SIGNATURE_FILE) throw bad('lists itself')
    if (sums.has(path)) throw bad(`lists ${path} twice`)
    sums.set(path, sha256)
  })
  return sums
}
