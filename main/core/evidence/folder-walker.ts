import { lstatSync, readdirSync } from 'node:fs'
import type { BigIntStats } from 'node:fs'
import { basename, join, posix, relative, sep } from 'node:path'
import { rankNames } from '../filesystems/walk-order'
import type { ChildRanker, WalkOrder } from '../filesystems/walk-order'

/** One thing found under an evidence root. */
export type WalkEntry =
  | {
      readonly kind: 'file'
      readonly absPath: string
      readonly relPath: string
      readonly stats: BigIntStats
    }
  | {
      readonly kind: 'symlink'
      readonly absPath: string
      readonly relPath: string
      readonly stats: BigIntStats
    }
  | {
      readonly kind: 'directory'
      readonly absPath: string
      readonly relPath: string
      readonly stats: BigIntStats
    }
  | {
      readonly kind: 'special'
      readonly absPath: string
      readonly relPath: string
      readonly stats: BigIntStats
    }
  | {
      readonly kind: 'unlistable'
      readonly absPath: string
      readonly relPath: string
      readonly error: string
    }

/** What a walk reports besides entries. */
export interface WalkObserver {
  /**
   * Listing this folder updated its access time. Node cannot list a folder with O_NOATIME, so
   * on a writable mount with `relatime` the first listing in 24 h can do this; the scan reports
   * it (ACPO principle 2). Files are always read with O_NOATIME where permitted.
   */
  readonly onFolderAtimeChanged?: (relPath: string) => void
}

/**
 * Walk an evidence folder depth-first in name order, never following a link: a folder's entries,
 * then its subfolders' walks.
 *
 * `order` (see walk-order.ts) may rank some folders' children, the evidence root's names
 * deciding whether it applies at all (the scan's user-content-first order). A ranked folder's
 * children are taken in rank order (ties in name order), each subfolder walked right after its
 * own entry, as an image walk does: so a large low-ranked file at the root (`pagefile.sys`)
 * waits for the high-ranked folders instead of coming before all of them.
 *
 * Links are yielded as `symlink` entries, never followed (a link can point anywhere: out of
 * the evidence root, at the examiner's own files), devices/FIFOs/sockets as `special`, folders
 * that cannot be listed as `unlistable`. Paths are relative to the root with `/` separators.
 */
export async function* walkFolder(
  root: string,
  observer: WalkObserver = {},
  order?: WalkOrder,
): AsyncGenerator<WalkEntry> {
  // A folder to list, or (in a ranked folder) one child to describe, then walk if a folder.
  const pending: ({ readonly list: string } | { readonly visit: string })[] = [{ list: root }]
  let ranker: ChildRanker | null = null
  let steps = 0
  while (pending.length > 0) {
    // The fs calls are synchronous: let the event loop breathe every 256 steps (results from
    // the scan processes, progress, the interface), or a walk would run to its end unbroken.
    if (++steps % 256 === 0) await breathe()
    const task = pending.pop() as { readonly list: string } | { readonly visit: string }
    if ('visit' in task) {
      const entry = classify(root, task.visit)
      if (entry.kind === 'directory') pending.push({ list: entry.absPath })
      yield entry
      continue
    }
    const dir = task.list
    const relDir = toRel(root, dir)
    let names: string[]
    try {
      names = listNames(dir, () => observer.onFolderAtimeChanged?.(relDir))
    } catch (error: unknown) {
      yield { kind: 'unlistable', absPath: dir, relPath: relDir, error: describe(error) }
      continue
    }
    if (dir === root) ranker = order?.(names) ?? null
    if (ranker?.ranksChildrenOf(relDir) === true) {
      // Reverse so the stack pops them in rank order.
      const ranked = rankNames(names, relDir, ranker)
      pending.push(...ranked.reverse().map((name) => ({ visit: join(dir, name) })))
      continue
    }
    const subdirs: { readonly list: string }[] = []
    for (const name of names) {
      if (++steps % 256 === 0) await breathe()
      const absPath = join(dir, name)
      const entry = classify(root, absPath)
      if (entry.kind === 'directory') subdirs.push({ list: absPath })
      yield entry
    }
    // Reverse so the stack pops them in name order.
    pending.push(...subdirs.reverse())
  }
}

/** Let timers, I/O callbacks and messages run before going on. */
function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** A single evidence file, as the walker would describe it. */
export function describeSingleFile(absPath: string): WalkEntry {
  const entry = classify(absPath, absPath)
  if (entry.kind === 'directory') throw new Error(`${absPath} is a folder`)
  return { ...entry, relPath: basename(absPath) }
}

function listNames(dir: string, onAtimeChanged: () => void): string[] {
  const before = lstat(dir)
  const names = readdirSync(dir)
  const after = lstat(dir)
  if (after.atimeNs !== before.atimeNs) onAtimeChanged()
  return names.sort()
}

function classify(root: string, absPath: string): WalkEntry {
  const relPath = toRel(root, absPath)
  let stats: BigIntStats
  try {
    stats = lstat(absPath)
  } catch (error: unknown) {
    return { kind: 'unlistable', absPath, relPath, error: describe(error) }
  }
  if (stats.isDirectory()) return { kind: 'directory', absPath, relPath, stats }
  if (stats.isFile()) return { kind: 'file', absPath, relPath, stats }
  // A link's target is not read: readlink() updates the link's access time, and evidence is
  // never changed. The link is recorded (with the target's length, from lstat) in coverage.
  if (stats.isSymbolicLink()) return { kind: 'symlink', absPath, relPath, stats }
  return { kind: 'special', absPath, relPath, stats }
}

/**
 * lstat is synchronous on purpose: the walk makes one call per entry, twice per scan (census
 * and plan), and an async lstat costs ~8× the CPU of a sync one on the coordinator's thread
 * (78 µs against 9 µs measured here), which made the walk the largest cost of a scan of small
 * files. readdir likewise. A sync call on a local or read-only mounted file system returns in
 * microseconds; a hung network or dying device would block the coordinator (and an async call
 * would hang a libuv thread instead): scan images of such media, or copies.
 */
function lstat(path: string): BigIntStats {
  return lstatSync(path, { bigint: true })
}

function toRel(root: string, absPath: string): string {
  const rel = relative(root, absPath)
  return rel === '' ? '.' : rel.split(sep).join(posix.sep)
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const message = error instanceof Error ? error.message : String(error)
  return code ? `${code}: ${message}` : message
}
