import type { ByteRange } from '../evidence/byte-source'

/** One block of unallocated space: its extents in the image and the bytes it owns. */
export interface UnallocatedBlock {
  /** Image offset of the block's first byte (names the block). */
  readonly start: number
  /** `[image offset, length]` pieces, in order: the block may span several free ranges. */
  readonly extents: readonly (readonly [number, number])[]
  /** Bytes of the block that are its own; the rest is overlap the next block also scans. */
  readonly owned: number
}

/**
 * Cut free ranges into blocks, as one stream in image order (the way carving tools see
 * unallocated space): each block owns `blockBytes` and also reads the next `overlapBytes`, so a
 * string across a block edge is whole in one block. Adjacent ranges are merged first.
 */
export function unallocatedBlocks(
  ranges: readonly ByteRange[],
  plan: { readonly blockBytes: number; readonly overlapBytes: number },
): UnallocatedBlock[] {
  return [...eachUnallocatedBlock(mergeRanges(ranges), plan)]
}

/**
 * The blocks of {@link unallocatedBlocks} one at a time, from ranges already merged: memory stays
 * flat however large the space. A few-MiB sparse image may declare petabytes of media, and an
 * array of its blocks would exhaust the heap before the first was scanned (fuzz, D6).
 */
export function* eachUnallocatedBlock(
  merged: readonly ByteRange[],
  plan: { readonly blockBytes: number; readonly overlapBytes: number },
): Generator<UnallocatedBlock> {
  const total = merged.reduce((n, r) => n + r.length, 0)
  const cursor = { index: 0, position: 0 }
  for (let at = 0; at < total; at += plan.blockBytes) {
    const owned = Math.min(plan.blockBytes, total - at)
    const extents = slice(merged, cursor, at, Math.min(total, at + owned + plan.overlapBytes))
    yield { start: extents[0]?.[0] ?? 0, extents, owned }
  }
}

/** How many blocks {@link eachUnallocatedBlock} yields for these merged ranges. */
export function blockCount(
  merged: readonly ByteRange[],
  plan: { readonly blockBytes: number },
): number {
  return Math.ceil(merged.reduce((n, r) => n + r.length, 0) / plan.blockBytes)
}

/** Sorted, non-empty, adjacent or overlapping ranges joined. */
export function mergeRanges(ranges: readonly ByteRange[]): ByteRange[] {
  const sorted = ranges.filter((r) => r.length > 0).sort((a, b) => a.offset - b.offset)
  const out: { offset: number; length: number }[] = []
  for (const range of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && range.offset <= last.offset + last.length) {
      last.length = Math.max(last.length, range.offset + range.length - last.offset)
    } else {
      out.push({ offset: range.offset, length: range.length })
    }
  }
  return out
}

/**
 * The image extents of stream positions `[from, to)`. `cursor` is the first range that can
 * still hold `from` (and its stream position): blocks come in order, so the search resumes there
 * instead of walking every range again for every block.
 */
function slice(
  ranges: readonly ByteRange[],
  cursor: { index: number; position: number },
  from: number,
  to: number,
): [number, number][] {
  while (cursor.index < ranges.length) {
    const length = ranges[cursor.index]?.length ?? 0
    if (cursor.position + length > from) break
    cursor.position += length
    cursor.index += 1
  }
  const out: [number, number][] = []
  let position = cursor.position
  for (let i = cursor.index; i < ranges.length && position < to; i += 1) {
    const range = ranges[i] as ByteRange
    const start = Math.max(from, position)
    const end = Math.min(to, position + range.length)
    if (start < end) out.push([range.offset + (start - position), end - start])
    position += range.length
  }
  return out
}
