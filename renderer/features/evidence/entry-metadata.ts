import type { EntryMetadata } from '../../../main/core/model/evidence'
import type { FileTimes } from '../../../main/core/model/findings'

const TYPE_CHARS: Readonly<Record<number, string>> = {
  0o140000: 's',
  0o120000: 'l',
  0o100000: '-',
  0o060000: 'b',
  0o040000: 'd',
  0o020000: 'c',
  0o010000: 'p',
}

/**
 * POSIX mode bits as `ls -l` writes them, with the octal permissions: `-rwsr-xr-x (4755)`.
 * Set-uid, set-gid and sticky bits show as `s`/`S` and `t`/`T`, as `ls` does.
 */
export function formatMode(mode: number): string {
  const type = TYPE_CHARS[mode & 0o170000] ?? '?'
  const special = [0o4000, 0o2000, 0o1000]
  const letters = ['s', 's', 't']
  let perms = ''
  for (let who = 0; who < 3; who += 1) {
    const bits = (mode >> (6 - 3 * who)) & 7
    const isSpecial = (mode & (special[who] ?? 0)) !== 0
    const exec = (bits & 1) !== 0
    const execChar = isSpecial
      ? exec
        ? (letters[who] ?? 'x')
        : (letters[who] ?? 'x').toUpperCase()
      : exec
        ? 'x'
        : '-'
    perms += `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${execChar}`
  }
  return `${type}${perms} (${(mode & 0o7777).toString(8).padStart(4, '0')})`
}

/**
 * Whether NTFS's two time sets disagree the way back-dating leaves them: $STANDARD_INFORMATION
 * (what Explorer shows, and what any program can set) born *before* $FILE_NAME (set by the
 * system when the name is made) — the classic "timestomping" sign. Other differences are
 * normal (copies keep their modification time, access times lag by design), so only this one
 * is flagged; both sets are shown in full for the analyst to judge. Compared to the second.
 */
export function isBackdatedLike(times: FileTimes, metadata: EntryMetadata): boolean {
  const names = metadata.fileNameTimes
  if (names === null) return false
  const si = seconds(times.born)
  const fn = seconds(names.born)
  return si !== null && fn !== null && si < fn
}

function seconds(iso: string | null): number | null {
  if (iso === null) return null
  const value = Date.parse(iso)
  return Number.isNaN(value) ? null : Math.floor(value / 1000)
}
