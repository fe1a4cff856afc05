import type { ExtCache } from './ext-cache'
import { groupHasSuperblock, INCOMPAT_META_BG } from './ext-superblock'
import type { ExtSuperblock } from './ext-superblock'

/** Block-group flags (`bg_flags`). */
export const BG_INODE_UNINIT = 0x1
export const BG_BLOCK_UNINIT = 0x2

/** One block-group descriptor: where the group's bitmaps and inode table are. */
export interface GroupDescriptor {
  readonly blockBitmap: number
  readonly inodeBitmap: number
  readonly inodeTable: number
  readonly flags: number
}

/**
 * The group descriptors, read on demand (one cached page at a time, never the whole table at
 * once: its size comes from a header field). 32- or 64-byte descriptors; with meta_bg the
 * descriptors of later meta groups live in their own meta group's first blocks.
 */
export class ExtGroups {
  /** Recently read descriptors (bounded: cleared when full). */
  private readonly recent = new Map<number, GroupDescriptor | null>()

  constructor(
    private readonly cache: ExtCache,
    private readonly sb: ExtSuperblock,
  ) {}

  /** The descriptor of `group`, or null past the group count or the media. */
  async descriptor(group: number): Promise<GroupDescriptor | null> {
    if (group < 0 || group >= this.sb.groupCount) return null
    const known = this.recent.get(group)
    if (known !== undefined) return known
    const read = await this.read(group)
    if (this.recent.size >= 4096) this.recent.clear()
    this.recent.set(group, read)
    return read
  }

  private async read(group: number): Promise<GroupDescriptor | null> {
    const raw = await this.cache.bytes(this.offset(group), this.sb.descSize)
    if (raw.length < 32) return null
    const wide = this.sb.descSize >= 64 && raw.length >= 64
    const hi = (at: number): number => (wide ? raw.readUInt32LE(at) * 2 ** 32 : 0)
    return {
      blockBitmap: raw.readUInt32LE(0) + hi(0x20),
      inodeBitmap: raw.readUInt32LE(4) + hi(0x24),
      inodeTable: raw.readUInt32LE(8) + hi(0x28),
      flags: raw.readUInt16LE(18),
    }
  }

  /** First block of `group`. */
  firstBlock(group: number): number {
    return this.sb.firstDataBlock + group * this.sb.blocksPerGroup
  }

  private offset(group: number): number {
    const { blockSize, descSize, firstDataBlock } = this.sb
    const perBlock = blockSize / descSize
    const metaGroup = Math.floor(group / perBlock)
    if ((this.sb.incompat & INCOMPAT_META_BG) === 0 || metaGroup < this.sb.firstMetaBg)
      return (firstDataBlock + 1) * blockSize + group * descSize
    const leader = metaGroup * perBlock
    const block = this.firstBlock(leader) + (groupHasSuperblock(this.sb, leader) ? 1 : 0)
    return block * blockSize + (group % perBlock) * descSize
  }
}
