import { lstat, opendir } from 'node:fs/promises'
import type { BigIntStats } from 'node:fs'
import { basename, join, posix, relative, sep } from 'node:path'

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
 * Walk an evidence folder depth-first in name order, never following a link.
 *
 * Links are yielded as `symlink` entries, never followed (a link can point anywhere: out of
 * the evidence root, at the examiner's own files), devices/FIFOs/sockets as `special`, folders
 * that cannot be listed as `unlistable`. Paths are relative to the root with `/` separators.
 */
export async function* walkFolder(
  root: string,
  observer: WalkObserver = {},
): AsyncGenerator<WalkEntry> {
  const pending: string[] = [root]
  while (pending.length > 0) {
    const dir = pending.pop() as string
    let names: string[]
    try {
      names = await listNames(dir, () => observer.onFolderAtimeChanged?.(toRel(root, dir)))
    } catch (error: unknown) {
      yield { kind: 'unlistable', absPath: dir, relPath: toRel(root, dir), error: describe(error) }
      continue
    }
    const subdirs: string[] = []
    for (const name of names) {
      const absPath = join(dir, name)
      const entry = await classify(root, absPath)
      if (entry.kind === 'directory') subdirs.push(absPath)
      yield entry
    }
    // Reverse so the stack pops them in name order.
    pending.push(...subdirs.reverse())
  }
}

/** A single evidence file, as the walker would describe it. */
export async function describeSingleFile(absPath: string): Promise<WalkEntry> {
  const entry = await classify(absPath, absPath)
  if (entry.kind === 'directory') throw new Error(`${absPath} is a folder`)
  return { ...entry, relPath: basename(absPath) }
}

async function listNames(dir: string, onAtimeChanged: () => void): Promise<string[]> {
  const before = await lstat(dir, { bigint: true })
  const handle = await opendir(dir)
  const names: string[] = []
  for await (const dirent of handle) names.push(dirent.name)
  const after = await lstat(dir, { bigint: true })
  if (after.atimeNs !== before.atimeNs) onAtimeChanged()
  return names.sort()
}

async function classify(root: string, absPath: string): Promise<WalkEntry> {
  const relPath = toRel(root, absPath)
  let stats: BigIntStats
  try {
    stats = await lstat(absPath, { bigint: true })
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

function toRel(root: string, absPath: string): string {
  const rel = relative(root, absPath)
  return rel === '' ? '.' : rel.split(sep).join(posix.sep)
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const message = error instanceof Error ? error.message : String(error)
  return code ? `${code}: ${message}` : message
}
