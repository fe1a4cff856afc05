import { basename, dirname, extname } from 'node:path'
import type { FileFacts } from '../case/results-writer'
import { timesFromStats } from '../evidence/file-times'
import type { WalkEntry } from '../evidence/folder-walker'
import { ownerName } from '../evidence/owner-names'
import type { FileExternals } from './child/protocol'

type StatEntry = Exclude<WalkEntry, { kind: 'unlistable' }>

/** The facts recorded for a walked entry (before its content is read). */
export function factsOf(evidenceId: number, entry: StatEntry): FileFacts {
  const { stats } = entry
  const owner = ownerName(Number(stats.uid))
  return {
    evidenceId,
    entryKey: entry.relPath,
    path: entry.relPath,
    name: basename(entry.absPath),
    kind: entry.kind,
    linkTarget: null,
    sizeBytes: Number(stats.size),
    inode: stats.ino.toString(),
    mode: Number(stats.mode),
    owner: owner === '' ? `uid ${stats.uid.toString()}` : owner,
    times: timesFromStats(stats),
  }
}

/**
 * The per-file externals of LOKI-style rules for a host file: `filename` the base name,
 * `filepath` the containing folder, `extension` lower-case with its dot, `owner` the user name.
 */
export function externalsOf(entry: StatEntry): FileExternals {
  return {
    filename: basename(entry.absPath),
    filepath: dirname(entry.absPath),
    extension: extname(entry.absPath).toLowerCase(),
    owner: ownerName(Number(entry.stats.uid)),
  }
}
