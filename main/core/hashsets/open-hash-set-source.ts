import { createHash } from 'node:crypto'
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs'
import type { Stats } from 'node:fs'
import { AppError } from '../model/errors'
import type { HashAlgo, HashSetSource } from './hash-set-types'
import { openBundle } from './parse-bundle'
import { openHashList } from './parse-hash-list'
import { openNsrlRds3 } from './parse-nsrl-rds3'

/** What a file's first bytes say it is. */
export type SourceKind = 'sqlite' | 'zip' | 'json' | 'folder' | 'text'

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
const HEAD_BYTES = 512

/**
 * Open a hash-set source, its format told by content, not by name: SQLite → NSRL RDS v3; a ZIP,
 * a JSON document or a folder → a report bundle; anything else → a text hash list. `algos`
 * limits an RDS import (default: SHA-256 only); the importer filters the other formats.
 *
 * @throws AppError `PATH_NOT_FOUND`, `PATH_UNREADABLE`, or the parser's `INVALID_INPUT`.
 */
export function openHashSetSource(path: string, algos?: readonly HashAlgo[]): HashSetSource {
  const kind = detectSourceKind(path)
  switch (kind) {
    case 'sqlite':
      return openNsrlRds3(path, algos)
    case 'zip':
      return openBundle(path, 'zip')
    case 'json':
      return openBundle(path, 'json')
    case 'folder':
      return openBundle(path, 'folder')
    case 'text':
      return openHashList(path)
  }
}

/** Classify a path by its first bytes. */
export function detectSourceKind(path: string): SourceKind {
  const stats = statOrThrow(path)
  if (stats.isDirectory()) return 'folder'
  if (!stats.isFile()) throw new AppError('PATH_UNREADABLE', `${path} is not a regular file.`)
  const head = readHead(path)
  if (head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return 'sqlite'
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    const marker = head.readUInt16LE(2)
    // PK\3\4 (an entry first) or PK\5\6 (an empty archive).
    if (marker === 0x0403 || marker === 0x0605) return 'zip'
  }
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
  return text.startsWith('{') ? 'json' : 'text'
}

function statOrThrow(path: string): Stats {
  try {
    return statSync(path)
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code
    throw new AppError(
      code === 'ENOENT' ? 'PATH_NOT_FOUND' : 'PATH_UNREADABLE',
      code === 'ENOENT' ? `No file or folder at ${path}.` : `Cannot read ${path}.`,
      { cause: error },
    )
  }
}

function readHead(path: string): Buffer {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error: unknown) {
    throw new AppError('PATH_UNREADABLE', `Cannot read ${path}.`, { cause: error })
  }
  try {
    const head = Buffer.alloc(HEAD_BYTES)
    return head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0))
  } finally {
    closeSync(fd)
  }
}

/** SHA-256 of a file, streamed: the identity of the source (a multi-GB RDS included). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer)
  }
  return hash.digest('hex')
}
