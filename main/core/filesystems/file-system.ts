import type { ByteRange, ByteSource } from '../evidence/byte-source'
import type { WalkOptions } from './walk-order'

/** File systems Outpost reads. NTFS and ext arrive with the next issue on this interface. */
export type FileSystemKind =
  'fat12' | 'fat16' | 'fat32' | 'exfat' | 'ntfs' | 'ext2' | 'ext3' | 'ext4'

/**
 * Where a file's bytes are, in order: a range of the file system's source, or a hole (sparse,
 * reads as zeros). The runs together cover at most `size` bytes: less when a deleted file can
 * only be partly recovered, or a damaged chain ends early (the walk then reports a problem).
 */
export type DataRun =
  | { readonly offset: number; readonly length: number }
  | { readonly offset: null; readonly length: number }

/** Times of an entry, UTC ISO-8601, null where the file system has none. */
export interface EntryTimes {
  readonly modified: string | null
  readonly accessed: string | null
  readonly changed: string | null
  readonly born: string | null
}

/** One directory entry (or metadata record) a walk found. */
export interface FileEntry {
  /** Path from the file-system root, `/`-separated, with a leading `/` (TSK's `fls -p` style). */
  readonly path: string
  readonly name: string
  /**
   * The entry's address: inode or MFT entry number on NTFS/ext; on FAT/exFAT, which have none,
   * a stable id of the directory-entry slot (documented per reader).
   */
  readonly id: string
  readonly kind: 'file' | 'directory' | 'symlink' | 'other'
  readonly size: number
  /** The name is marked deleted (FAT 0xE5, exFAT in-use bit clear, …). */
  readonly deleted: boolean
  /**
   * For deleted entries: whether the content can be read back (its clusters are still free).
   * Allocated entries are always true.
   */
  readonly recoverable: boolean
  readonly times: EntryTimes
  /**
   * How this file system's times are to be read, e.g. "FAT local time without zone, read as
   * UTC" — shown with the times.
   */
  readonly timeNote: string | null
  /** The content's location, when `recoverable`; empty for directories read otherwise. */
  readonly runs: readonly DataRun[]
  /** FAT/exFAT attribute flags and similar, for display. */
  readonly flags: readonly string[]
  /**
   * `runs` (the default): the runs are the content, byte for byte, so a scan process can read it
   * straight from the image. `reader`: the content must come from {@link FileSystem.openById}
   * (NTFS resident or LZNT1-compressed data, ext4 inline data…); `runs` then only locates it.
   */
  readonly contentAccess?: 'runs' | 'reader'
  /** NTFS alternate data stream name (the path then ends in `:stream`, as TSK writes it). */
  readonly stream?: string | null
  /** NTFS $FILE_NAME times, kept beside the $STANDARD_INFORMATION ones in `times`. */
  readonly fileNameTimes?: EntryTimes | null
  /** Owner: an NTFS SID (`S-1-5-21-…`), or `uid 1000` on ext; group likewise. */
  readonly owner?: string | null
  readonly group?: string | null
  /** POSIX mode bits (ext). */
  readonly mode?: number | null
  /** A symbolic link's target, when the file system stores it. */
  readonly linkTarget?: string | null
  /** Encrypted content (NTFS EFS): listed, not decrypted, not scanned. */
  readonly encrypted?: boolean
}

/** Something a walk could not read (coverage): a bad cluster chain, a directory cycle, … */
export interface WalkProblem {
  readonly kind: 'problem'
  readonly path: string
  readonly detail: string
}

/** A file system read from a volume. */
export interface FileSystem {
  readonly kind: FileSystemKind
  readonly label: string | null
  /** Allocation unit in bytes (cluster / block). */
  readonly clusterSize: number
  readonly source: ByteSource
  /**
   * Every entry, depth first, directories before their contents: allocated and deleted ones.
   * Never loops (cycles and chain loops are reported as problems), never grows memory with a
   * header field. Each directory's children come in listing order unless `options.order`
   * reorders some (the scan's user-content-first order, walk-order.ts); orphans stay last.
   */
  walk(options?: WalkOptions): AsyncIterable<FileEntry | WalkProblem>
  /** The entry's content (runs stitched together, holes as zeros), up to `entry.size` bytes. */
  open(entry: FileEntry): ByteSource
  /**
   * The content of the entry with this `id`, found without a walk (a scan process asks for it
   * by id). Required of file systems that give entries `contentAccess: 'reader'`.
   *
   * @throws AppError `NOT_FOUND` for an id the file system does not have.
   */
  openById?(id: string): Promise<ByteSource>
  /** Byte ranges of the source no allocated file uses (free clusters, slack excluded). */
  unallocated(): Promise<readonly ByteRange[]>
  /** Facts for `outpost inspect` (like `fsstat`). */
  readonly details: Readonly<Record<string, string | number | boolean>>
}

/** True for the problems a walk reports among its entries. */
export function isWalkProblem(item: FileEntry | WalkProblem): item is WalkProblem {
  return item.kind === 'problem'
}
