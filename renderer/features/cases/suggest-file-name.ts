const UNSAFE_IN_FILE_NAMES = '\\/:*?"<>|'

/**
 * A file name to suggest in the "new case file" dialog, made from the case name.
 *
 * Characters no file system accepts, and control characters, become `_`; an empty name gives
 * `case`. Main still decides the extension and the folder.
 */
export function suggestCaseFileName(caseName: string): string {
  const cleaned = Array.from(caseName.trim(), (c) =>
    c < ' ' || c === '\u007f' || UNSAFE_IN_FILE_NAMES.includes(c) ? '_' : c,
  )
    .join('')
    .slice(0, 200)
  return cleaned === '' ? 'case' : cleaned
}
