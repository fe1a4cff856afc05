import type { ByteRange } from '../../evidence/byte-source'
import { BG_BLOCK_UNINIT } from './ext-groups'
import type { GroupDescriptor } from './ext-groups'
import { groupHasSuperblock, INCOMPAT_META_BG } from './ext-superblock'
import type { ExtContext } from './ext-walk'

/**
 * The free blocks of the volume per the block bitmaps, as byte ranges of the source (merged,
 * clipped to the media). A group flagged BLOCK_UNINIT has no bitmap yet: its blocks are free
 * but for the metadata the kernel would mark (superblock backup, descriptor blocks, bitmaps and
 * inode table that lie in it). Groups whose descriptor lies past the media are left out.
 */
export async function freeBlockRanges(ctx: ExtContext): Promise<ByteRange[]> {
  const { sb, cache } = ctx
  const ranges: ByteRange[] = []
  const push = (block: number, count: number): void => {
    const offset = block * sb.blockSize
    const length = Math.min(count * sb.blockSize, cache.size - offset)
    if (length <= 0) return
    const last = ranges[ranges.length - 1]
    if (last !== undefined && last.offset + last.length === offset)
      ranges[ranges.length - 1] = { offset: last.offset, length: last.length + length }
    else ranges.push({ offset, length })
  }
  for (let group = 0; group < sb.groupCount; group += 1) {
    const first = ctx.groups.firstBlock(group)
    if (first * sb.blockSize >= cache.size) break
    const desc = await ctx.groups.descriptor(group)
    if (desc === null) break
    const count = Math.min(sb.blocksPerGroup, sb.blocksCount - first)
    const isUsed =
      (desc.flags & BG_BLOCK_UNINIT) !== 0
        ? uninitUsed(ctx, group, desc)
        : bitmapUsed(await cache.bytes(desc.blockBitmap * sb.blockSize, Math.ceil(count / 8)))
    let runStart = -1
    for (let i = 0; i < count; i += 1) {
      const free = !isUsed(i)
      if (free && runStart < 0) runStart = i
      if (!free && runStart >= 0) {
        push(first + runStart, i - runStart)
        runStart = -1
      }
    }
    if (runStart >= 0) push(first + runStart, count - runStart)
  }
  return ranges
}

/** Block `i` of a group is in use per its bitmap (a bitmap cut short by the media: in use). */
function bitmapUsed(bitmap: Buffer): (i: number) => boolean {
  return (i) => {
    const byte = bitmap[i >> 3]
    return byte === undefined || (byte & (1 << (i & 7))) !== 0
  }
}

/**
 * The blocks of a BLOCK_UNINIT group in use, as the kernel computes them
 * (ext4_num_base_meta_blocks): the superblock backup with the descriptor table and its reserved
 * growth blocks, or with meta_bg a descriptor block in the first, second and last group of each
 * meta group; and the group's own bitmaps and inode table when they lie in it.
 */
function uninitUsed(ctx: ExtContext, group: number, desc: GroupDescriptor): (i: number) => boolean {
  const { sb } = ctx
  const perBlock = sb.blockSize / sb.descSize
  const hasSuper = groupHasSuperblock(sb, group) ? 1 : 0
  let base = hasSuper
  const metaBg = (sb.incompat & INCOMPAT_META_BG) !== 0
  if (!metaBg || group < sb.firstMetaBg * perBlock) {
    const tableBlocks = metaBg ? sb.firstMetaBg : Math.ceil(sb.groupCount / perBlock)
    if (hasSuper === 1) base += tableBlocks + sb.reservedGdtBlocks
  } else {
    const index = group % perBlock
    if (index === 0 || index === 1 || index === perBlock - 1) base += 1
  }
  const first = ctx.groups.firstBlock(group)
  const tableBlocks = Math.ceil((sb.inodesPerGroup * sb.inodeSize) / sb.blockSize)
  return (i) => {
    const block = first + i
    return (
      i < base ||
      block === desc.blockBitmap ||
      block === desc.inodeBitmap ||
      (block >= desc.inodeTable && block < desc.inodeTable + tableBlocks)
    )
  }
}

/** Whether `[offset, offset + length)` lies wholly inside one of the sorted, merged `ranges`. */
export function insideRanges(
  ranges: readonly ByteRange[],
  offset: number,
  length: number,
): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const range = ranges[middle] as ByteRange
    if (offset < range.offset) high = middle - 1
    else if (offset >= range.offset + range.length) low = middle + 1
    else return offset + length <= range.offset + range.length
  }
  return false
}
