import type { FileFacts } from '../case/results-writer'
import type { FileEntry, FileSystemKind } from '../filesystems/file-system'
import type { FileExternals } from './child/protocol'

/** File systems whose paths rules expect in Windows form (`C:\Users\…`). */
export function windowsDrive(kind: FileSystemKind): boolean {
  return (
    kind === 'fat12' || kind === 'fat16' || kind === 'fat32' || kind === 'exfat' || kind === 'ntfs'
  )
}

/**
 * The facts recorded for an entry of a file system in an image. Runs are turned into image
 * offsets (the volume's start plus the run's offset in the volume).
 */
export function entryFacts(
  evidenceId: number,
  volumeStart: number,
  entry: FileEntry,
  place: { readonly volumeId: number | null; readonly fileSystemId: number | null },
): FileFacts {
  const runs = entry.runs.map((run): [number | null, number] => [
    run.offset === null ? null : volumeStart + run.offset,
    run.length,
  ])
  return {
    evidenceId,
    entryKey: `${place.fileSystemId ?? `v${volumeStart}`}:${entry.id}`,
    path: entry.path,
    name: entry.name,
    kind: entry.kind === 'other' ? 'special' : entry.kind,
    linkTarget: null,
    sizeBytes: entry.size,
    inode: entry.id,
    mode: null,
    owner: null,
    times: entry.times,
    image: {
      volumeId: place.volumeId,
      filesystemId: place.fileSystemId,
      deleted: entry.deleted,
      recoverable: entry.recoverable,
      imageOffset: runs[0]?.[0] ?? null,
      runs,
      timeNote: entry.timeNote,
      flags: entry.flags,
    },
  }
}

/**
 * The per-file externals for an entry in an image: Windows file systems get Windows paths with
 * a drive letter assigned in volume order (C:, D:, … — an assumption, the image does not say),
 * others POSIX paths.
 */
export function entryExternals(entry: FileEntry, driveLetter: string | null): FileExternals {
  const slash = entry.path.lastIndexOf('/')
  const dir = slash <= 0 ? '/' : entry.path.slice(0, slash)
  const dot = entry.name.lastIndexOf('.')
  return {
    filename: entry.name,
    filepath: driveLetter === null ? dir : `${driveLetter}:${dir.replaceAll('/', '\\')}`,
    extension: dot > 0 ? entry.name.slice(dot).toLowerCase() : '',
    owner: '',
  }
}
