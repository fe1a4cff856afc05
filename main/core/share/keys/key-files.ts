import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { z } from 'zod'
import { AppError } from '../../model/errors'

/** The mode of every file holding keys or trust decisions: owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600

/** The mode of the folders holding them. */
export const PRIVATE_DIR_MODE = 0o700

/**
 * Write `text` to `path` atomically: a private temporary file beside it, fsync, then rename.
 *
 * A crash leaves either the old file or the new one, never half of either. The temporary file is
 * created with mode 0600 and `wx`, so it never exists readable by others.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameSync(temporary, path)
  } catch (error: unknown) {
    rmSync(temporary, { force: true })
    throw error
  }
}

/**
 * `JSON.parse` that reports failure as `undefined` instead of throwing.
 *
 * Callers validate the result with a strict zod schema; a `__proto__` key stays an own key and is
 * then refused as unknown.
 */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Canonical base64 text (bounded): keys, salts, nonces, ciphertexts. */
export const BASE64 = z
  .string()
  .max(8192)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'base64')

/** One line of 1–200 characters without control characters: an org, a contact, a user. */
export const LABEL = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]+$/u, 'one line of text')

/**
 * `text` when it is a valid {@link LABEL}.
 *
 * @throws AppError `INVALID_INPUT` naming `what` (e.g. "organisation").
 */
export function checkLabel(text: string, what: string): string {
  if (!LABEL.safeParse(text).success) {
    throw new AppError('INVALID_INPUT', `The ${what} must be one line of 1–200 characters.`)
  }
  return text
}

/**
 * The UTF-8 text of a key or trust file.
 *
 * @throws AppError `PATH_UNREADABLE` naming the file (permissions, a folder in the way).
 */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error: unknown) {
    throw new AppError('PATH_UNREADABLE', `Cannot read ${path}.`, { cause: error })
  }
}
