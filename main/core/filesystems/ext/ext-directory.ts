/** Name types of a directory entry (`file_type`, with the filetype feature). */
export type NameType = 'file' | 'directory' | 'symlink' | 'other' | 'unknown'

/** One name found in a directory block, allocated or left in the slack of another. */
export interface DirName {
  readonly inode: number
  readonly name: string
  readonly type: NameType
  readonly deleted: boolean
}

const MAX_NAME = 255
/** The space an entry with a name of `length` bytes needs (8-byte header, 4-byte aligned). */
const needed = (length: number): number => (length + 8 + 3) & ~3

/**
 * The names in one directory block, found as The Sleuth Kit finds them (ext2fs_dent.c) so that
 * the same deleted names come out: entries are stepped through by the length their name needs,
 * not by their recorded length, so names in the slack an entry's record absorbed (deleted
 * entries) are found too and marked deleted; so is every name with inode 0, and every name in
 * a deleted directory (`inDeletedDir`). A position that does not hold a plausible entry is
 * skipped 4 bytes at a time. `.` and `..` are left out. Never loops: the position only grows.
 */
export function parseDirBlock(
  block: Buffer,
  options: {
    readonly hasFileType: boolean
    readonly lastInode: number
    readonly inDeletedDir: boolean
  },
): DirName[] {
  const out: DirName[] = []
  const len = block.length
  let deletedSpan = 0
  let step = 4
  for (let at = 0; at <= len - needed(1); at += step) {
    const inode = block.readUInt32LE(at)
    const recLen = block.readUInt16LE(at + 4)
    const nameLength = options.hasFileType ? (block[at + 6] ?? 0) : block.readUInt16LE(at + 6)
    step = needed(nameLength)
    if (
      inode > options.lastInode ||
      nameLength > MAX_NAME ||
      nameLength === 0 ||
      recLen < step ||
      recLen % 4 !== 0 ||
      at + recLen > len
    ) {
      step = 4
      if (deletedSpan > 0) deletedSpan -= 4
      continue
    }
    // An entry in the slack must end within the slack.
    if (deletedSpan > 0 && deletedSpan < step) {
      step = 4
      deletedSpan -= 4
      continue
    }
    const deleted = deletedSpan > 0 || inode === 0 || options.inDeletedDir
    if (deletedSpan > 0) deletedSpan -= step
    const name = block.toString('utf8', at + 8, at + 8 + nameLength)
    if (name !== '.' && name !== '..') {
      const type = options.hasFileType ? nameType(block[at + 7] ?? 0) : 'unknown'
      out.push({ inode, name, type, deleted })
    }
    // A record longer than its name needs hides deleted entries after it.
    if (deletedSpan <= 0) {
      if (recLen - step >= needed(1)) deletedSpan = recLen - step
      else step = recLen
    }
  }
  return out
}

function nameType(code: number): NameType {
  switch (code) {
    case 1:
      return 'file'
    case 2:
      return 'directory'
    case 7:
      return 'symlink'
    case 3:
    case 4:
    case 5:
    case 6:
      return 'other'
    default:
      return 'unknown'
  }
}
