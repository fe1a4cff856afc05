import type { DataRun, EntryTimes, FileEntry } from '../file-system'
import type { FreeClusters } from '../free-clusters'
import { ATTR_ENCRYPTED } from './ntfs-attributes'
import type { Attribute, NtfsFile } from './ntfs-attributes'
import { isCompressed } from './ntfs-content'
import { flagNames, parseStandardInformation } from './ntfs-names'
import type { FileName } from './ntfs-names'
import { ATTR } from './ntfs-record'
import { ATTR_REPARSE_POINT, reparseTarget } from './ntfs-reparse'
import { clusterRunsToData } from './ntfs-runs'
import type { NtfsVolume } from './ntfs-volume'

export const NTFS_TIME_NOTE = 'UTC (NTFS FILETIME, 100 ns)'
const NO_TIMES: EntryTimes = { modified: null, accessed: null, changed: null, born: null }
/** Windows file attribute flag of an encrypted (EFS) file. */
const FILE_ENCRYPTED = 0x4000
/** $LOGGED_UTILITY_STREAM: named `$EFS` on an encrypted file (its key ring). */
const ATTR_LOGGED_UTILITY_STREAM = 0x100

/** What the walk knows about where a file is listed. */
export interface Placement {
  readonly path: string
  readonly name: string
  /** The $FILE_NAME it is listed by (null for an orphan without one). */
  readonly fileName: FileName | null
  readonly deleted: boolean
  /** Free clusters, to tell whether a deleted file's content is still there. */
  readonly free: FreeClusters | null
  /** Owner SID (from $Secure), when known. */
  readonly owner: string | null
}

/**
 * The entries of an MFT entry listed at `place`: the file (its unnamed $DATA, or a directory's
 * $I30 index) and then each alternate data stream as `path:stream`, as TSK's fls lists them.
 * The file's id is its MFT entry number; a stream's is `number:stream`.
 */
export function fileEntries(volume: NtfsVolume, file: NtfsFile, place: Placement): FileEntry[] {
  const si = siOf(file)
  const encrypted =
    ((si?.flags ?? 0) & FILE_ENCRYPTED) !== 0 ||
    file.attributes.some((a) => a.type === ATTR_LOGGED_UTILITY_STREAM && a.name === '$EFS')
  const reparse = file.attributes.find((a) => a.type === ATTR_REPARSE_POINT)?.value ?? null
  const linkTarget = reparse === null ? null : reparseTarget(reparse)
  const times = si?.times ?? place.fileName?.times ?? NO_TIMES
  const fileNameTimes = place.fileName?.times ?? null
  const clusterSize = volume.boot.clusterSize
  // Entries are built field by field, not by spreading shared parts: the walk makes one or
  // more per MFT entry, and object spread costs more than everything else here.
  const main = file.directory
    ? directoryContent(volume, file)
    : streamContent(
        volume,
        file.attributes.find((a) => isData(a, '')),
      )
  const out: FileEntry[] = [
    {
      path: place.path,
      name: place.name,
      id: String(file.number),
      kind: file.directory ? 'directory' : 'file',
      size: main.size,
      deleted: place.deleted,
      recoverable: recoverable(place, main, clusterSize),
      times,
      timeNote: NTFS_TIME_NOTE,
      runs: main.runs,
      flags: [...flagNames(si?.flags ?? 0), ...main.flags],
      contentAccess: main.contentAccess,
      stream: null,
      fileNameTimes,
      owner: place.owner,
      linkTarget,
      encrypted,
    },
  ]
  for (const stream of file.attributes) {
    if (stream.type !== ATTR.data || stream.name === '') continue
    const content = streamContent(volume, stream)
    out.push({
      path: `${place.path}:${stream.name}`,
      name: `${place.name}:${stream.name}`,
      id: `${file.number}:${stream.name}`,
      kind: 'file',
      size: content.size,
      deleted: place.deleted,
      recoverable: recoverable(place, content, clusterSize),
      times,
      timeNote: NTFS_TIME_NOTE,
      runs: content.runs,
      flags: content.flags,
      contentAccess: content.contentAccess,
      stream: stream.name,
      fileNameTimes,
      owner: place.owner,
      linkTarget,
      encrypted: encrypted || (stream.flags & ATTR_ENCRYPTED) !== 0,
    })
  }
  return out
}

function siOf(file: NtfsFile): ReturnType<typeof parseStandardInformation> {
  const value = file.attributes.find((a) => a.type === ATTR.standardInformation)?.value
  return value === null || value === undefined ? null : parseStandardInformation(value)
}

function isData(attribute: Attribute, name: string): boolean {
  return attribute.type === ATTR.data && attribute.name === name
}

interface Content {
  size: number
  runs: DataRun[]
  contentAccess: 'runs' | 'reader'
  flags: string[]
}

/** A data stream's size and runs: resident values are located inside their MFT record. */
function streamContent(volume: NtfsVolume, stream: Attribute | undefined): Content {
  if (stream === undefined) return { size: 0, runs: [], contentAccess: 'runs', flags: [] }
  const clusterSize = volume.boot.clusterSize
  if (stream.value !== null) {
    const at = stream.record * volume.boot.recordSize + stream.valueOffset
    const runs = volume.mft.locate(at, stream.value.length).map((r) => ({ ...r }))
    return { size: stream.value.length, runs, contentAccess: 'reader', flags: ['resident'] }
  }
  const compressed = isCompressed(stream)
  return {
    size: stream.dataSize,
    runs: clusterRunsToData(
      stream.runs,
      clusterSize,
      stream.dataSize,
      compressed ? stream.dataSize : stream.initializedSize,
    ),
    contentAccess: compressed ? 'reader' : 'runs',
    flags: compressed ? ['lznt1'] : [],
  }
}

/** A directory: TSK's size is the $INDEX_ROOT's; the runs are its index records. */
function directoryContent(volume: NtfsVolume, file: NtfsFile): Content {
  const i30 = (type: number): Attribute | undefined =>
    file.attributes.find((a) => a.type === type && a.name === '$I30')
  const allocation = i30(ATTR.indexAllocation)
  const runs =
    allocation === undefined
      ? []
      : clusterRunsToData(allocation.runs, volume.boot.clusterSize, allocation.dataSize)
  return {
    size: i30(ATTR.indexRoot)?.value?.length ?? 0,
    runs: runs.filter((run) => run.offset !== null),
    contentAccess: 'runs',
    flags: [],
  }
}

/**
 * Allocated files are; deleted ones while every cluster of their runs is still free (resident
 * data is read from the deleted record itself, which is there as long as it was read).
 */
function recoverable(place: Placement, content: Content, clusterSize: number): boolean {
  if (!place.deleted || content.flags.includes('resident')) return true
  const free = place.free
  if (free === null) return false
  return content.runs.every((run) => {
    if (run.offset === null) return true
    const first = Math.floor(run.offset / clusterSize)
    const count = Math.ceil((run.offset + run.length) / clusterSize) - first
    // take() skips to the next free cluster: the run's own first one must be free.
    return free.isFree(first) && free.take(first, count, 1) !== null
  })
}
