import { createHash } from 'node:crypto'
import type { FileEntry, FileSystem, WalkProblem } from '../../../main/core/filesystems/file-system'

/** One file of a TSK listing (the corpus oracle and the fixtures' expected JSON share these fields). */
export interface OracleFile {
  readonly path: string
  readonly inode: number
  readonly type: string
  readonly size: number
  readonly deleted: boolean
  readonly sha256: string | null
  readonly system?: boolean
  /** NTFS alternate data stream: Outpost's id is then `inode:stream`. */
  readonly stream?: string
  readonly icat_bytes?: number
  readonly mtime?: string | null
  readonly atime?: string | null
  readonly crtime?: string | null
}

/** Everything a walk gave. */
export interface Walked {
  readonly entries: readonly FileEntry[]
  readonly problems: readonly WalkProblem[]
}

/** Walk a file system to the end. */
export async function walkAll(fs: FileSystem): Promise<Walked> {
  const entries: FileEntry[] = []
  const problems: WalkProblem[] = []
  for await (const item of fs.walk()) {
    if ('detail' in item) problems.push(item)
    else entries.push(item)
  }
  return { entries, problems }
}

/** SHA-256 (hex) and length of what `open()` gives for an entry. */
export async function contentHash(
  fs: FileSystem,
  entry: FileEntry,
): Promise<{ sha256: string; bytes: number }> {
  const source = fs.open(entry)
  const hash = createHash('sha256')
  for (let offset = 0; offset < source.size; offset += 1 << 20) {
    hash.update(await source.read(offset, Math.min(1 << 20, source.size - offset)))
  }
  return { sha256: hash.digest('hex'), bytes: source.size }
}

/** The oracle entries Outpost lists: everything but TSK's system entries, label entries kept. */
export function comparable(files: readonly OracleFile[]): OracleFile[] {
  return files.filter((file) => file.system !== true || file.path.endsWith('(Volume Label Entry)'))
}

/** Options of a comparison: how TSK's paths map to Outpost's where they knowingly differ. */
export interface CompareOptions {
  /** TSK path → Outpost path (TSK shortens FAT names over 195 characters). */
  readonly renamed?: ReadonlyMap<string, string>
  /**
   * Compare times too ('fat': write exact, creation to the second, access date; 'exfat': ±2 s;
   * 'ext': as 'fat', creation only where TSK gives one — TSK 4.11 ignores the extra inode
   * fields of ext2/ext3, which Outpost reads).
   */
  readonly times?: 'fat' | 'exfat' | 'ext'
}

/**
 * Every difference between a walk and TSK's listing, as readable lines (empty: identical):
 * the set of paths, and per entry TSK's address, type, size, deleted flag and the SHA-256 and
 * length of the content.
 */
export async function differences(
  fs: FileSystem,
  walked: Walked,
  files: readonly OracleFile[],
  options: CompareOptions = {},
): Promise<string[]> {
  const out: string[] = []
  const byPath = new Map(walked.entries.map((entry) => [entry.path, entry]))
  const expected = comparable(files)
  const wanted = new Set(expected.map((file) => options.renamed?.get(file.path) ?? file.path))
  for (const entry of walked.entries)
    if (!wanted.has(entry.path)) out.push(`${entry.path}: listed by Outpost, not by TSK`)
  for (const file of expected) {
    const path = options.renamed?.get(file.path) ?? file.path
    const entry = byPath.get(path)
    if (entry === undefined) out.push(`${path}: listed by TSK, not by Outpost`)
    else out.push(...(await entryDifferences(fs, entry, file, options)))
  }
  return out
}

async function entryDifferences(
  fs: FileSystem,
  entry: FileEntry,
  file: OracleFile,
  options: CompareOptions,
): Promise<string[]> {
  const out: string[] = []
  const say = (what: string, ours: unknown, theirs: unknown): void => {
    if (ours !== theirs) out.push(`${entry.path}: ${what} ${String(ours)} (TSK: ${String(theirs)})`)
  }
  // `-/d`: a deleted name whose type TSK takes from the (directory) metadata entry.
  const directory = file.type.startsWith('d') || file.type === '-/d'
  // `l/l`, `-/l`: an ext symbolic link.
  const symlink = file.type.startsWith('l') || file.type === '-/l'
  const kind = directory
    ? 'directory'
    : symlink
      ? 'symlink'
      : file.system === true
        ? 'other'
        : 'file'
  say(
    'id',
    entry.id,
    file.stream === undefined ? String(file.inode) : `${file.inode}:${file.stream}`,
  )
  say('kind', entry.kind, kind)
  say('size', entry.size, file.size)
  say('deleted', entry.deleted, file.deleted)
  if (file.sha256 !== null && entry.kind !== 'directory') {
    const content = await contentHash(fs, entry)
    say('sha256', content.sha256, file.sha256)
    say('content length', content.bytes, file.icat_bytes ?? file.size)
  }
  if (options.times !== undefined) out.push(...timeDifferences(entry, file, options.times))
  return out
}

function timeDifferences(
  entry: FileEntry,
  file: OracleFile,
  mode: 'fat' | 'exfat' | 'ext',
): string[] {
  const out: string[] = []
  const seconds = (iso: string | null | undefined): number | null =>
    iso === null || iso === undefined ? null : Math.floor(Date.parse(iso) / 1000)
  const check = (
    what: string,
    ours: string | null,
    theirs: string | null | undefined,
    slack: number,
    dateOnly = false,
  ): void => {
    const a = seconds(ours)
    const b = seconds(theirs)
    const same =
      a === null || b === null
        ? a === b
        : dateOnly
          ? Math.floor(a / 86400) === Math.floor(b / 86400)
          : Math.abs(a - b) <= slack
    if (!same) out.push(`${entry.path}: ${what} ${String(ours)} (TSK: ${String(theirs)})`)
  }
  // exFAT: TSK 4.11 drops the 10 ms field of the write time, which can add up to 1.99 s.
  const slack = mode === 'exfat' ? 2 : 0
  check('modified', entry.times.modified, file.mtime, slack)
  if (mode !== 'ext' || (file.crtime ?? null) !== null)
    check('born', entry.times.born, file.crtime, slack)
  check('accessed', entry.times.accessed, file.atime, 0, true)
  return out
}
