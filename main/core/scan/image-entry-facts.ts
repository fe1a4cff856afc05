import type { FileFacts } from '../case/results-writer'
import type { FileEntry, FileSystemKind } from '../filesystems/file-system'
import type { FileExternals } from './child/protocol'
import type { Accounts } from './image-accounts'
import { NO_ACCOUNTS, ownerFacts } from './image-accounts'

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
  accounts: Accounts = NO_ACCOUNTS,
): FileFacts {
  const who = ownerFacts(entry, accounts)
  const runs = entry.runs.map((run): [number | null, number] => [
    run.offset === null ? null : volumeStart + run.offset,
    run.length,
  ])
  return {
    evidenceId,
    // The id alone is not unique: hard links share an inode or MFT entry under several paths.
    entryKey: `${place.fileSystemId ?? `v${volumeStart}`}:${entry.id}:${entry.path}`,
    path: entry.path,
    name: entry.name,
    kind: entry.kind === 'other' ? 'special' : entry.kind,
    linkTarget: entry.linkTarget ?? null,
    sizeBytes: entry.size,
    inode: entry.id,
    mode: entry.mode ?? null,
    owner: who.owner,
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
      group: who.group,
      stream: entry.stream ?? null,
      fileNameTimes: entry.fileNameTimes ?? null,
      encrypted: entry.encrypted === true,
    },
  }
}

/**
 * The per-file externals for an entry in an image: Windows file systems get Windows paths with
 * a drive letter assigned in volume order (C:, D:, … — an assumption, the image does not say),
 * others POSIX paths. An NTFS stream keeps its `file:stream` name, and the extension of the file
 * it hangs on (a program hidden in a stream of `notes.txt` is a `.txt` to the user).
 */
export function entryExternals(
  entry: FileEntry,
  driveLetter: string | null,
  accounts: Accounts = NO_ACCOUNTS,
): FileExternals {
  const slash = entry.path.lastIndexOf('/')
  const dir = slash <= 0 ? '/' : entry.path.slice(0, slash)
  const stream = entry.stream ?? null
  const base =
    stream !== null && entry.name.endsWith(`:${stream}`)
      ? entry.name.slice(0, -stream.length - 1)
      : entry.name
  const dot = base.lastIndexOf('.')
  return {
    filename: entry.name,
    filepath: driveLetter === null ? dir : `${driveLetter}:${dir.replaceAll('/', '\\')}`,
    extension: dot > 0 ? base.slice(dot).toLowerCase() : '',
    owner: ownerFacts(entry, accounts).external,
  }
}
