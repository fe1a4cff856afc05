import type { FileEntry } from '../file-system'
import type { ExtContent } from './ext-content'
import type { NameType } from './ext-directory'
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './ext-inode'
import type { ExtInode } from './ext-inode'

/** How ext times are to be read, shown with them. */
export const EXT_TIME_NOTE =
  'ext times are UTC seconds since 1970, with nanoseconds where the inode has room for them.'

const NO_TIMES = { modified: null, accessed: null, changed: null, born: null } as const

/** What is known about one name for its entry. */
export interface NamedInode {
  readonly path: string
  readonly name: string
  readonly nameType: NameType
  /** The name is deleted (or an orphan's invented one). */
  readonly deleted: boolean
  readonly inodeNumber: number
  /** The inode, null when the name has none (inode 0, out of range, unreadable). */
  readonly inode: ExtInode | null
  readonly content: ExtContent | null
  readonly linkTarget: string | null
  readonly extraFlags: readonly string[]
}

/** The kind of an inode's mode. */
export function modeKind(mode: number): FileEntry['kind'] {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return 'file'
    case S_IFDIR:
      return 'directory'
    case S_IFLNK:
      return 'symlink'
    default:
      return 'other'
  }
}

/**
 * The entry of a name: the name's type decides the kind, as TSK's listing shows it (the
 * inode's mode when the name has no type); size, times, owner and content come from the inode.
 * A deleted name is recoverable when it has an inode whose content map reads whole, which is
 * what TSK's `icat` gives for it. A deleted name whose inode is in use again (TSK's "realloc")
 * is flagged `realloc`: its content is that inode's current content, as TSK shows it.
 */
export function extEntry(named: NamedInode): FileEntry {
  const { inode, content } = named
  const kind =
    named.nameType !== 'unknown' ? named.nameType : inode === null ? 'other' : modeKind(inode.mode)
  const runs = content?.runs ?? []
  const problem = content?.where === 'runs' ? content.problem : null
  const realloc = named.deleted && inode?.allocated === true
  const flags = [...named.extraFlags]
  if (realloc) flags.push('realloc')
  if (content?.where === 'inode') flags.push('in-inode')
  return {
    path: named.path,
    name: named.name,
    id: String(named.inodeNumber),
    kind,
    size: inode?.size ?? 0,
    deleted: named.deleted,
    recoverable: !named.deleted || (inode !== null && problem === null),
    times: inode?.times ?? NO_TIMES,
    timeNote: EXT_TIME_NOTE,
    runs,
    flags,
    contentAccess: content?.where === 'inode' ? 'reader' : 'runs',
    owner: inode === null ? null : `uid ${inode.uid}`,
    group: inode === null ? null : `gid ${inode.gid}`,
    mode: inode?.mode ?? null,
    linkTarget: named.linkTarget,
  }
}
