import { AppError } from './errors'

/** The most ids {@link parseIdRanges} expands (the triage channels' limit). */
export const MAX_RANGE_IDS = 100_000

/**
 * Ids as compact ranges, ascending: `[1, 2, 3, 7, 9, 10]` → `"1-3,7,9-10"`.
 *
 * How the audit log records which findings a bulk change touched: 100,000 contiguous ids stay
 * one short string instead of a 600 kB list.
 */
export function compactRanges(ids: Iterable<number>): string {
  // A typed array sorts numbers natively (100,000 ids in a few ms); duplicates are skipped below.
  const sorted = Float64Array.from(ids).sort()
  const parts: string[] = []
  let start = sorted[0]
  let end = start
  for (let i = 1; i <= sorted.length; i += 1) {
    const next = sorted[i]
    if (next !== undefined && end !== undefined && (next === end + 1 || next === end)) {
      end = next
      continue
    }
    if (start !== undefined && end !== undefined) {
      parts.push(start === end ? String(start) : `${start}-${end}`)
    }
    start = next
    end = next
  }
  return parts.join(',')
}

/**
 * Parse `"1,2,5-9"` into ids (ascending, no duplicates), as the CLI's `--ids` takes them.
 *
 * @throws AppError INVALID_INPUT for anything but positive integers and `a-b` ranges with
 *   a ≤ b, or more than {@link MAX_RANGE_IDS} ids.
 */
export function parseIdRanges(text: string, max = MAX_RANGE_IDS): number[] {
  const ids = new Set<number>()
  for (const raw of text.split(',')) {
    const part = raw.trim()
    const match = /^(\d{1,15})(?:-(\d{1,15}))?$/.exec(part)
    if (match === null) {
      throw new AppError(
        'INVALID_INPUT',
        `"${part}" is not an id or a range: write ids like 1,2,5-9 (positive whole numbers).`,
      )
    }
    const from = Number(match[1])
    const to = match[2] === undefined ? from : Number(match[2])
    if (from < 1 || to < from) {
      throw new AppError(
        'INVALID_INPUT',
        `"${part}" is not a valid range: ids start at 1 and a range goes from low to high.`,
      )
    }
    if (to - from + 1 + ids.size > max) {
      throw new AppError('INVALID_INPUT', `At most ${max.toLocaleString('en-US')} ids at once.`)
    }
    for (let id = from; id <= to; id += 1) ids.add(id)
  }
  return [...ids].sort((a, b) => a - b)
}
