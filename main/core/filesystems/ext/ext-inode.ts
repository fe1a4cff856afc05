import type { EntryTimes } from '../file-system'
import type { ExtCache } from './ext-cache'
import { BG_INODE_UNINIT } from './ext-groups'
import type { ExtGroups } from './ext-groups'
import type { ExtSuperblock } from './ext-superblock'
import { utcSecondsText } from '../utc-text'

/** `i_flags` bits this reader uses. */
export const INODE_INDEX = 0x1000
export const INODE_EXTENTS = 0x80000
export const INODE_INLINE_DATA = 0x10000000

/** File types of `i_mode`. */
export const S_IFMT = 0o170000
export const S_IFDIR = 0o040000
export const S_IFREG = 0o100000
export const S_IFLNK = 0o120000

/** Inodes read at once by the orphan sweep. */
const SWEEP_INODES = 256

/** One inode as stored, with its allocation state from the inode bitmap. */
export interface ExtInode {
  readonly number: number
  /** Byte offset of the inode in the volume. */
  readonly offset: number
  readonly mode: number
  readonly uid: number
  readonly gid: number
  readonly size: number
  readonly links: number
  readonly flags: number
  /** `i_blocks`: block map, extent tree root, inline data or a fast symlink's target. */
  readonly block: Buffer
  /** The whole on-disk inode (inline data continues in its in-inode extended attributes). */
  readonly raw: Buffer
  readonly times: EntryTimes
  /** `i_ctime` is set: TSK's "used" inode (an orphan candidate when unallocated). */
  readonly used: boolean
  /** Allocated per the inode bitmap (true when the bitmap cannot be read). */
  readonly allocated: boolean
}

/** Reads inodes by number through the group descriptors and inode bitmaps. */
export class InodeReader {
  constructor(
    private readonly cache: ExtCache,
    private readonly sb: ExtSuperblock,
    private readonly groups: ExtGroups,
  ) {}

  /** The inode `number` (1-based), or null when it is out of range or its table unreadable. */
  async read(number: number): Promise<ExtInode | null> {
    const place = await this.locate(number)
    if (place === null) return null
    const raw = await this.cache.bytes(place.offset, this.sb.inodeSize)
    if (raw.length < 128) return null
    return parseInode(number, place.offset, Buffer.from(raw), place.allocated)
  }

  /**
   * The inodes `first`…`last` of one group that are free but were once used (their ctime is
   * set: TSK's orphan candidates), told from the group's bitmap and inode table
   * read a slice at a time (the orphan sweep visits every inode of the volume). `cut`: an inode
   * could not be read, the list ends before it.
   */
  async freeButUsedIn(first: number, last: number): Promise<{ numbers: number[]; cut: boolean }> {
    const numbers: number[] = []
    const { inodesPerGroup, inodeSize, blockSize } = this.sb
    const group = Math.floor((first - 1) / inodesPerGroup)
    const desc = await this.groups.descriptor(group)
    if (desc === null) return { numbers, cut: true }
    const startIndex = (first - 1) % inodesPerGroup
    const count = last - first + 1
    const bitmapAt = desc.inodeBitmap * blockSize + (startIndex >> 3)
    const bitmap =
      (desc.flags & BG_INODE_UNINIT) !== 0
        ? null
        : await this.cache.bytes(bitmapAt, ((startIndex + count + 7) >> 3) - (startIndex >> 3))
    const tableAt = desc.inodeTable * blockSize
    let slice: Buffer = Buffer.alloc(0)
    let sliceFirst = -1
    for (let i = 0; i < count; i += 1) {
      const index = startIndex + i
      if (bitmap !== null) {
        const byte = bitmap[(index >> 3) - (startIndex >> 3)]
        if (byte === undefined || (byte & (1 << (index & 7))) !== 0) continue
      }
      if (sliceFirst < 0 || index >= sliceFirst + SWEEP_INODES) {
        sliceFirst = index
        slice = await this.cache.bytes(tableAt + index * inodeSize, SWEEP_INODES * inodeSize)
      }
      const at = (index - sliceFirst) * inodeSize + 12
      if (at + 4 > slice.length) return { numbers, cut: true }
      if (slice.readUInt32LE(at) !== 0) numbers.push(first + i)
    }
    return { numbers, cut: false }
  }

  /** Where inode `number` is, and whether the inode bitmap has it allocated. */
  private async locate(number: number): Promise<{ offset: number; allocated: boolean } | null> {
    if (!Number.isSafeInteger(number) || number < 1 || number > this.sb.inodesCount) return null
    const group = Math.floor((number - 1) / this.sb.inodesPerGroup)
    const index = (number - 1) % this.sb.inodesPerGroup
    const desc = await this.groups.descriptor(group)
    if (desc === null) return null
    const allocated =
      (desc.flags & BG_INODE_UNINIT) !== 0
        ? false
        : await this.bit(desc.inodeBitmap * this.sb.blockSize, index)
    return { offset: desc.inodeTable * this.sb.blockSize + index * this.sb.inodeSize, allocated }
  }

  /** Bit `index` of the bitmap at `offset`; true (allocated) when it cannot be read. */
  private async bit(offset: number, index: number): Promise<boolean> {
    const byte = await this.cache.bytes(offset + (index >> 3), 1)
    const value = byte[0]
    return value === undefined ? true : (value & (1 << (index & 7))) !== 0
  }
}

/** Decode an on-disk inode (128 bytes or more). */
export function parseInode(
  number: number,
  offset: number,
  raw: Buffer,
  allocated: boolean,
): ExtInode {
  const mode = raw.readUInt16LE(0)
  const extra = raw.length > 128 ? raw.readUInt16LE(128) : 0
  const hasExtra = (field: number): boolean => raw.length >= field + 4 && 128 + extra >= field + 4
  const time = (at: number, extraAt: number | null): string | null =>
    isoTime(
      raw.readInt32LE(at),
      extraAt !== null && hasExtra(extraAt) ? raw.readUInt32LE(extraAt) : 0,
    )
  const sizeHigh = (mode & S_IFMT) === S_IFREG ? raw.readUInt32LE(108) * 2 ** 32 : 0
  return {
    number,
    offset,
    mode,
    uid: raw.readUInt16LE(2) + raw.readUInt16LE(120) * 65_536,
    gid: raw.readUInt16LE(24) + raw.readUInt16LE(122) * 65_536,
    size: raw.readUInt32LE(4) + sizeHigh,
    links: raw.readUInt16LE(26),
    flags: raw.readUInt32LE(32),
    block: raw.subarray(40, 100),
    raw,
    times: {
      modified: time(16, 136),
      accessed: time(8, 140),
      changed: time(12, 132),
      born: hasExtra(144) ? time(144, 148) : null,
    },
    used: raw.readUInt32LE(12) !== 0,
    allocated,
  }
}

/**
 * An ext time as UTC ISO-8601: `seconds` (signed 32-bit) plus, from the `_extra` field, two
 * epoch bits (each adds 2^32 s, for dates past 2038) and nanoseconds. Zero is "not set" (null),
 * as TSK prints it.
 */
export function isoTime(seconds: number, extra: number): string | null {
  const epoch = extra & 3
  const nanos = extra >>> 2
  const total = seconds + epoch * 2 ** 32
  if (total === 0 && nanos === 0) return null
  const base = utcSecondsText(total)
  if (base === null) return null
  return nanos === 0 || nanos > 999_999_999
    ? `${base}Z`
    : `${base}.${String(nanos).padStart(9, '0')}Z`
}
