import { createHash } from 'node:crypto'
import {
  closeSync,
  constants,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  utimesSync,
} from 'node:fs'
import { join } from 'node:path'

/** What must not change about an evidence file: content, size, mode, inode and ns times. */
export interface FileSnapshot {
  readonly kind: 'file' | 'dir' | 'other'
  readonly sha256: string | null
  readonly size: bigint
  readonly mode: bigint
  readonly ino: bigint
  readonly atimeNs: bigint
  readonly mtimeNs: bigint
  readonly ctimeNs: bigint
}

/**
 * Every path under `root` (relative; '.' for the root). Listing a folder updates its atime, so
 * list first, then {@link ageTree}, then {@link snapshotPaths}.
 */
export function listTree(root: string): string[] {
  return ['.', ...readdirSync(root, { recursive: true }).map(String)].sort()
}

/** Give every file and folder old times (atime 2020, mtime 2021) so any atime update shows. */
export function ageTree(root: string, paths: readonly string[]): void {
  for (const rel of paths) {
    if (lstatSync(join(root, rel)).isSymbolicLink()) continue
    utimesSync(join(root, rel), new Date('2020-01-01T00:00:00Z'), new Date('2021-06-01T00:00:00Z'))
  }
}

/**
 * Snapshot the given paths without listing anything (lstat only; links not followed) and hash
 * regular files read with O_NOATIME — an ordinary read would itself change their atimes.
 */
export function snapshotPaths(root: string, paths: readonly string[]): Map<string, FileSnapshot> {
  const result = new Map<string, FileSnapshot>()
  for (const rel of paths) {
    const path = join(root, rel)
    const s = lstatSync(path, { bigint: true })
    result.set(rel, {
      kind: s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other',
      sha256: s.isFile() ? hashNoAtime(path) : null,
      size: s.size,
      mode: s.mode,
      ino: s.ino,
      atimeNs: s.atimeNs,
      mtimeNs: s.mtimeNs,
      ctimeNs: s.ctimeNs,
    })
  }
  return result
}

function hashNoAtime(path: string): string {
  const noAtime = (constants as { O_NOATIME?: number }).O_NOATIME ?? 0
  const fd = openSync(path, constants.O_RDONLY | noAtime)
  try {
    return createHash('sha256').update(readFileSync(fd)).digest('hex')
  } finally {
    closeSync(fd)
  }
}
