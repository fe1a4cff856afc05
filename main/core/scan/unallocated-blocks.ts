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
  const merged = mergeRanges(ranges)
  const total = merged.reduce((n, r) => n + r.length, 0)
  const blocks: UnallocatedBlock[] = []
  for (let at = 0; at < total; at += plan.blockBytes) {
    const owned = Math.min(plan.blockBytes, total - at)
    const extents = slice(merged, at, Math.min(total, at + owned + plan.overlapBytes))
    blocks.push({ start: extents[0]?.[0] ?? 0, extents, owned })
  }
  return blocks
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

/** The image extents of stream positions `[from, to)`. */
function slice(ranges: readonly ByteRange[], from: number, to: number): [number, number][] {
  const out: [number, number][] = []
  let position = 0
  for (const range of ranges) {
    const start = Math.max(from, position)
    const end = Math.min(to, position + range.length)
    if (start < end) out.push([range.offset + (start - position), end - start])
    position += range.length
    if (position >= to) break
  }
  return out
}
