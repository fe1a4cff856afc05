import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, open, opendir, realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { AppError } from '../model/errors'
import { MAX_PACK_FILE_BYTES } from './pack-manifest'
import type { RuleDiagnostic } from '../model/rules'

/** Walk limits: a pack folder deeper or bigger than this is refused, not walked for ever. */
export const PACK_WALK_LIMITS = { maxDepth: 16, maxEntries: 100_000 } as const

/** Files a pack folder may hold without listing them: the manifest and its signature. */
export const UNLISTED_PACK_FILES: readonly string[] = ['pack.json', 'pack.json.minisig']

/** A file (or symlink) found in a pack folder; `relPath` uses `/` on every platform. */
export interface PackFolderEntry {
  readonly relPath: string
  readonly absPath: string
  readonly isSymlink: boolean
}

/** True for `.yar` and `.yara` file names, any case. */
export function isRuleFileName(name: string): boolean {
  return /\.yara?$/i.test(name)
}

/** True for a manifest-listed path that is a rule source: `rules/….yar` or `rules/….yara`. */
export function isRuleSourcePath(path: string): boolean {
  return /^rules\/.+\.yara?$/i.test(path)
}

/** Lower-case hex SHA-256 of `data`. */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * A pack name as a YARA namespace: every character outside `[A-Za-z0-9_]` becomes `_`.
 *
 * An empty result becomes `local`, so a namespace is never empty.
 */
export function sanitiseNamespace(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_')
  return cleaned === '' ? 'local' : cleaned
}

/**
 * True when `path` is a plain relative path inside a pack: `/`-separated, no empty, `.` or `..`
 * segment, not absolute, no backslash, drive letter or NUL.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.length > 512 || /[\\\0:]/.test(path) || path.startsWith('/')) return false
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

/**
 * List every file and symlink under `root`, sorted by path; symlinks are listed, not followed.
 *
 * `skipHidden` leaves out names starting with `.` (a local rules folder may be a git checkout).
 *
 * @throws AppError `RULES_INVALID` past {@link PACK_WALK_LIMITS}.
 */
export async function listPackFolder(
  root: string,
  options: { readonly skipHidden: boolean },
): Promise<PackFolderEntry[]> {
  const entries: PackFolderEntry[] = []
  const pending: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }]
  let seen = 0
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.depth > PACK_WALK_LIMITS.maxDepth) throw tooBig(root, 'nested too deeply')
    for await (const dirent of await opendir(next.dir)) {
      if ((seen += 1) > PACK_WALK_LIMITS.maxEntries) throw tooBig(root, 'has too many entries')
      if (options.skipHidden && dirent.name.startsWith('.')) continue
      const absPath = join(next.dir, dirent.name)
      const relPath = relative(root, absPath).split(sep).join('/')
      if (dirent.isDirectory()) pending.push({ dir: absPath, depth: next.depth + 1 })
      else entries.push({ relPath, absPath, isSymlink: dirent.isSymbolicLink() })
    }
  }
  return entries.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0))
}

function tooBig(root: string, what: string): AppError {
  return new AppError('RULES_INVALID', `The rule pack folder ${root} ${what}.`)
}

/**
 * The real path of `relPath` inside `root` (itself a real path), symlinks resolved.
 *
 * @throws AppError `RULES_INVALID` when the path is unsafe, missing, or resolves outside the pack.
 */
export async function resolveInsidePack(root: string, relPath: string): Promise<string> {
  if (!isSafeRelativePath(relPath)) {
    throw packFileError(relPath, `"${relPath}" is not a plain relative path inside the pack`)
  }
  let real: string
  try {
    real = await realpath(join(root, ...relPath.split('/')))
  } catch (error: unknown) {
    // The pack exists but is incomplete: that is an invalid pack, not a missing one.
    throw new AppError('RULES_INVALID', `Rule pack refused: ${relPath} is missing.`, {
      cause: error,
      details: [fileDiagnostic(relPath, 'file is missing')],
    })
  }
  const inside = relative(root, real)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw packFileError(relPath, `"${relPath}" resolves outside the pack`)
  }
  return real
}

// Windows has no O_NONBLOCK (and no FIFOs in a folder to worry about).
const NON_BLOCKING = (constants as { readonly O_NONBLOCK?: number }).O_NONBLOCK ?? 0

/**
 * Read a regular file of at most `maxBytes`.
 *
 * Opened non-blocking and checked with fstat, so a FIFO or device planted in a pack cannot
 * hang the reader.
 *
 * @throws AppError `RULES_INVALID` for a non-regular or oversized file.
 */
export async function readBoundedFile(
  path: string,
  maxBytes: number,
  displayName: string,
): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | NON_BLOCKING)
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw packFileError(displayName, `${displayName} is not a regular file`)
    if (info.size > maxBytes) {
      throw packFileError(
        displayName,
        `${displayName} is ${info.size} bytes; the limit is ${maxBytes}`,
      )
    }
    const buffer = Buffer.alloc(info.size)
    let filled = 0
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return buffer.subarray(0, filled)
  } finally {
    await handle.close()
  }
}

/** Whether `path` exists (without following a final symlink). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch {
    return false
  }
}

/** A diagnostic about a whole pack file. */
export function fileDiagnostic(file: string, message: string): RuleDiagnostic {
  return { severity: 'error', file, line: null, column: null, code: 'pack-file', message }
}

/** `RULES_INVALID` about one pack file, with the diagnostic attached. */
export function packFileError(file: string, message: string): AppError {
  return new AppError('RULES_INVALID', `Rule pack refused: ${message}.`, {
    details: [fileDiagnostic(file, message)],
  })
}

/**
 * Every file of a pack folder that its manifest must list, with its bytes, sorted by path.
 *
 * That is everything except {@link UNLISTED_PACK_FILES}; what the manifest builder hashes.
 * Symlinks must resolve inside the folder.
 */
export async function readPackContents(
  root: string,
): Promise<{ readonly path: string; readonly content: Buffer }[]> {
  const realRoot = await realpath(root)
  const entries = await listPackFolder(realRoot, { skipHidden: false })
  const files = entries.filter((entry) => !UNLISTED_PACK_FILES.includes(entry.relPath))
  return Promise.all(
    files.map(async (entry) => {
      const real = entry.isSymlink
        ? await resolveInsidePack(realRoot, entry.relPath)
        : entry.absPath
      return {
        path: entry.relPath,
        content: await readBoundedFile(real, MAX_PACK_FILE_BYTES, entry.relPath),
      }
    }),
  )
}
