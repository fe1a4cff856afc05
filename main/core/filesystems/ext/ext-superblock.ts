import { AppError } from '../../model/errors'

/** Byte offset of the superblock in the volume, and of its magic number within it. */
export const SUPERBLOCK_OFFSET = 1024
const MAGIC_AT = 56
const EXT_MAGIC = 0xef53

/** Feature bits this reader looks at (kernel.org "ext4 Data Structures and Algorithms"). */
export const COMPAT_HAS_JOURNAL = 0x4
export const INCOMPAT_FILETYPE = 0x2
const INCOMPAT_RECOVER = 0x4
export const INCOMPAT_META_BG = 0x10
export const INCOMPAT_64BIT = 0x80
export const INCOMPAT_FLEX_BG = 0x200
const RO_COMPAT_SPARSE_SUPER = 0x1
const RO_COMPAT_LARGE_FILE = 0x2
const RO_COMPAT_BTREE_DIR = 0x4

/** What an ext2/3/4 superblock says, checked for possibility. */
export interface ExtSuperblock {
  readonly kind: 'ext2' | 'ext3' | 'ext4'
  readonly inodesCount: number
  readonly blocksCount: number
  readonly freeBlocks: number
  readonly freeInodes: number
  readonly firstDataBlock: number
  readonly blockSize: number
  readonly blocksPerGroup: number
  readonly inodesPerGroup: number
  readonly inodeSize: number
  readonly groupCount: number
  /** Size of one group descriptor: 32, or `s_desc_size` with the 64bit feature. */
  readonly descSize: number
  readonly firstMetaBg: number
  /** Blocks reserved after the descriptor table for growth (resize_inode). */
  readonly reservedGdtBlocks: number
  readonly compat: number
  readonly incompat: number
  readonly roCompat: number
  readonly label: string | null
  readonly uuid: string
  readonly lastMountedAt: number
  readonly lastWrittenAt: number
  readonly lastMountedOn: string
  readonly journalInode: number
  readonly state: number
}

/** True when `block` (2 KiB or more from the start of a volume) holds the ext magic number. */
export function hasExtMagic(volumeStart: Buffer): boolean {
  return (
    volumeStart.length >= SUPERBLOCK_OFFSET + MAGIC_AT + 2 &&
    volumeStart.readUInt16LE(SUPERBLOCK_OFFSET + MAGIC_AT) === EXT_MAGIC
  )
}

/**
 * Parse the superblock (`raw`: its 1,024 bytes).
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when a field that fixes the layout is impossible.
 */
export function parseSuperblock(raw: Buffer): ExtSuperblock {
  const u32 = (at: number): number => raw.readUInt32LE(at)
  const u16 = (at: number): number => raw.readUInt16LE(at)
  const corrupt = (what: string): AppError =>
    new AppError('FILESYSTEM_CORRUPT', `The ext superblock is damaged: ${what}.`)
  if (raw.length < 1024 || u16(MAGIC_AT) !== EXT_MAGIC) throw corrupt('no 0xEF53 magic number')
  const logBlock = u32(24)
  if (logBlock > 6) throw corrupt(`block size 2^(10+${logBlock}) is impossible`)
  const blockSize = 1024 << logBlock
  const incompat = u32(96)
  const is64 = (incompat & INCOMPAT_64BIT) !== 0
  const blocksCount = u32(4) + (is64 ? u32(0x150) * 2 ** 32 : 0)
  const blocksPerGroup = u32(32)
  const inodesPerGroup = u32(40)
  const revision = u32(76)
  const inodeSize = revision === 0 ? 128 : u16(88)
  const descSize = is64 ? u16(0xfe) : 32
  if (blocksPerGroup === 0 || blocksPerGroup > blockSize * 8)
    throw corrupt(`${blocksPerGroup} blocks per group`)
  if (inodesPerGroup === 0 || inodesPerGroup > blockSize * 8)
    throw corrupt(`${inodesPerGroup} inodes per group`)
  if (inodeSize < 128 || inodeSize > blockSize || (inodeSize & (inodeSize - 1)) !== 0)
    throw corrupt(`inode size ${inodeSize}`)
  if (descSize < 32 || descSize > 1024 || (descSize & (descSize - 1)) !== 0)
    throw corrupt(`group descriptor size ${descSize}`)
  if (blocksCount === 0 || u32(20) >= blocksCount) throw corrupt(`${blocksCount} blocks`)
  const groupCount = Math.ceil((blocksCount - u32(20)) / blocksPerGroup)
  const compat = u32(92)
  const roCompat = u32(100)
  return {
    kind: extKind(compat, incompat, roCompat),
    inodesCount: Math.min(u32(0), groupCount * inodesPerGroup),
    blocksCount,
    freeBlocks: u32(12),
    freeInodes: u32(16),
    firstDataBlock: u32(20),
    blockSize,
    blocksPerGroup,
    inodesPerGroup,
    inodeSize,
    groupCount,
    descSize,
    firstMetaBg: u32(260),
    reservedGdtBlocks: u16(0xce),
    compat,
    incompat,
    roCompat,
    label: cString(raw.subarray(120, 136)) || null,
    uuid: formatUuid(raw.subarray(104, 120)),
    lastMountedAt: u32(44),
    lastWrittenAt: u32(48),
    lastMountedOn: cString(raw.subarray(136, 200)),
    journalInode: (compat & COMPAT_HAS_JOURNAL) !== 0 ? u32(224) : 0,
    state: u16(58),
  }
}

/**
 * ext2, ext3 or ext4, decided as blkid does: any feature ext3 does not know (extents, 64bit,
 * flex_bg, huge_file, metadata_csum…) makes it ext4; otherwise a journal makes it ext3.
 */
function extKind(compat: number, incompat: number, roCompat: number): ExtSuperblock['kind'] {
  const ext3Incompat = INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_META_BG
  const ext3RoCompat = RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE | RO_COMPAT_BTREE_DIR
  if ((incompat & ~ext3Incompat) !== 0 || (roCompat & ~ext3RoCompat) !== 0) return 'ext4'
  return (compat & COMPAT_HAS_JOURNAL) !== 0 ? 'ext3' : 'ext2'
}

/** Whether group `group` holds a superblock backup (always without sparse_super). */
export function groupHasSuperblock(sb: ExtSuperblock, group: number): boolean {
  if ((sb.roCompat & RO_COMPAT_SPARSE_SUPER) === 0 || group <= 1) return true
  for (const base of [3, 5, 7]) {
    let power = base
    while (power < group) power *= base
    if (power === group) return true
  }
  return false
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0)
  return bytes.toString('utf8', 0, end < 0 ? bytes.length : end)
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Names of the feature bits set, for `details` (as dumpe2fs spells them). */
export function featureNames(sb: ExtSuperblock): string {
  const names: string[] = []
  const table: readonly (readonly [number, number, string])[] = [
    [0, 0x4, 'has_journal'],
    [0, 0x8, 'ext_attr'],
    [0, 0x10, 'resize_inode'],
    [0, 0x20, 'dir_index'],
    [1, 0x2, 'filetype'],
    [1, 0x4, 'needs_recovery'],
    [1, 0x10, 'meta_bg'],
    [1, 0x40, 'extent'],
    [1, 0x80, '64bit'],
    [1, 0x100, 'mmp'],
    [1, 0x200, 'flex_bg'],
    [1, 0x400, 'ea_inode'],
    [1, 0x2000, 'metadata_csum_seed'],
    [1, 0x4000, 'large_dir'],
    [1, 0x8000, 'inline_data'],
    [1, 0x10000, 'encrypt'],
    [1, 0x20000, 'casefold'],
    [2, 0x1, 'sparse_super'],
    [2, 0x2, 'large_file'],
    [2, 0x8, 'huge_file'],
    [2, 0x10, 'uninit_bg'],
    [2, 0x20, 'dir_nlink'],
    [2, 0x40, 'extra_isize'],
    [2, 0x400, 'metadata_csum'],
  ]
  const sets = [sb.compat, sb.incompat, sb.roCompat]
  for (const [set, bit, name] of table) if (((sets[set] ?? 0) & bit) !== 0) names.push(name)
  return names.join(' ')
}
