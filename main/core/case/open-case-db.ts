import { closeSync, openSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { AppError } from '../model/errors'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations'

/** A SQLite connection (better-sqlite3). */
export type Db = Database.Database

/** How to open a case database. */
export interface OpenCaseDbOptions {
  /** Create the file when it does not exist (never overwrite one that does). */
  readonly create?: boolean
  /** Run `PRAGMA quick_check` before use (on by default; a second writer connection skips it). */
  readonly check?: boolean
  /** A better-sqlite3 `.node` built for this runtime (Electron), when not the default one. */
  readonly nativeBinding?: string
}

const BUSY_TIMEOUT_MS = 5000
const SQLITE_MAGIC = 'SQLite format 3\0'
/** `PRAGMA application_id` of every Outpost case: 'OPST'. */
export const OUTPOST_APPLICATION_ID = 0x4f505354

/**
 * The settings every case connection must run with, and the value each must read back.
 *
 * `synchronous` is set on every open because better-sqlite3's SQLite reopens WAL databases at
 * NORMAL (security-checks.md finding 6); findings and audit rows are evidence records, so every
 * commit is synced (FULL = 2).
 */
const REQUIRED_PRAGMAS: readonly (readonly [string, string | number, string | number])[] = [
  ['journal_mode', 'WAL', 'wal'],
  ['synchronous', 'FULL', 2],
  ['foreign_keys', 'ON', 1],
  ['trusted_schema', 'OFF', 0],
  ['busy_timeout', BUSY_TIMEOUT_MS, BUSY_TIMEOUT_MS],
  ['journal_size_limit', 64 * 1024 * 1024, 64 * 1024 * 1024],
]

/**
 * Open (or create) a case database: check it is one, apply and assert the required settings,
 * migrate it to this app's schema in one transaction, and refuse one from a newer app.
 *
 * @throws AppError `PATH_NOT_FOUND`, `CASE_EXISTS`, `CASE_NOT_A_DATABASE`, `CASE_CORRUPT`,
 *   `CASE_TOO_NEW` or `CASE_SETTINGS_NOT_APPLIED`.
 */
export function openCaseDb(path: string, options: OpenCaseDbOptions = {}): Db {
  const exists = fileExists(path)
  if (!exists && options.create !== true) {
    throw new AppError('PATH_NOT_FOUND', `No case file at ${path}`)
  }
  const isEmpty = exists && assertSqliteHeader(path)
  if (isEmpty && options.create !== true) {
    throw new AppError('CASE_NOT_A_DATABASE', `${path} is empty: it is not an Outpost case.`)
  }
  const db = connect(path, options.nativeBinding, exists)
  try {
    assertOutpostDatabase(db, path)
    applyRequiredPragmas(db)
    if (exists && options.check !== false) assertIntact(db, path)
    migrate(db)
    return db
  } catch (error: unknown) {
    db.close()
    throw translateSqliteError(error, path)
  }
}

/**
 * A read-only connection to a case (the scan processes' lookups) with the same settings in
 * force: `journal_mode` is the file's own (WAL, checked), the rest are per connection, so a
 * read-only reader too runs with `trusted_schema = OFF` and the busy timeout.
 *
 * @throws AppError `PATH_UNREADABLE`, `CASE_NOT_A_DATABASE`, `CASE_CORRUPT` or
 *   `CASE_SETTINGS_NOT_APPLIED`.
 */
export function openCaseDbReadOnly(path: string): Db {
  let db: Db
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
  } catch (error: unknown) {
    throw translateSqliteError(error, path)
  }
  try {
    applyRequiredPragmas(db, true)
    return db
  } catch (error: unknown) {
    db.close()
    throw translateSqliteError(error, path)
  }
}

/** Read back every required setting; used on open and by tests. */
export function readRequiredPragmas(db: Db): Record<string, string | number> {
  return Object.fromEntries(
    REQUIRED_PRAGMAS.map(([name]) => [name, db.pragma(name, { simple: true }) as string | number]),
  )
}

function connect(path: string, nativeBinding: string | undefined, exists: boolean): Db {
  try {
    return new Database(path, {
      timeout: BUSY_TIMEOUT_MS,
      fileMustExist: exists,
      ...(nativeBinding === undefined ? {} : { nativeBinding }),
    })
  } catch (error: unknown) {
    throw translateSqliteError(error, path)
  }
}

function applyRequiredPragmas(db: Db, readOnly = false): void {
  for (const [name, value, expected] of REQUIRED_PRAGMAS) {
    // A read-only connection cannot change the file's journal mode, only read it.
    if (!(readOnly && name === 'journal_mode')) db.pragma(`${name} = ${String(value)}`)
    const actual = db.pragma(name, { simple: true }) as string | number
    if (actual !== expected) {
      throw new AppError(
        'CASE_SETTINGS_NOT_APPLIED',
        `The case database did not accept ${name} = ${String(value)} (it reports ${String(actual)}).`,
      )
    }
  }
}

function assertIntact(db: Db, path: string): void {
  const result = db.pragma('quick_check', { simple: true }) as string
  if (result !== 'ok') {
    throw new AppError('CASE_CORRUPT', `The case file ${path} is damaged: ${result}`)
  }
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) {
    throw new AppError(
      'CASE_TOO_NEW',
      `This case was written by a newer Outpost (schema ${current}; this app knows up to ` +
        `${SCHEMA_VERSION}). Open it with that version or newer; it has not been changed.`,
    )
  }
  if (current === SCHEMA_VERSION) return
  // Migrations that rebuild a table (to change a CHECK) must run with foreign keys off, then
  // prove every reference still holds (SQLite's documented procedure for schema changes).
  db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      for (const migration of MIGRATIONS) {
        if (migration.version <= current) continue
        db.exec(migration.sql)
        db.pragma(`user_version = ${migration.version}`)
      }
      const violations = db.pragma('foreign_key_check') as unknown[]
      if (violations.length > 0) {
        throw new AppError(
          'CASE_CORRUPT',
          `Upgrading the case would break ${violations.length} reference(s); it was not changed.`,
        )
      }
    }).immediate()
  } finally {
    db.pragma('foreign_keys = ON')
  }
}

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/**
 * Refuse SQLite files that are not ours before anything is written to them: a case has our
 * application id; a new one is still completely empty.
 */
function assertOutpostDatabase(db: Db, path: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number
  if (applicationId === OUTPOST_APPLICATION_ID) return
  const objects = db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }
  if (applicationId === 0 && objects.n === 0) {
    db.pragma(`application_id = ${OUTPOST_APPLICATION_ID}`)
    return
  }
  throw new AppError(
    'CASE_NOT_A_DATABASE',
    `${path} is a SQLite database but not an Outpost case; it has not been changed.`,
  )
}

/** Check the SQLite magic; returns true when the file is empty (a fresh file from a dialog). */
function assertSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(16)
  const fd = openSync(path, 'r')
  let read: number
  try {
    read = readSync(fd, header, 0, 16, 0)
  } finally {
    closeSync(fd)
  }
  if (read === 0) return true
  if (read < 16 || header.toString('latin1') !== SQLITE_MAGIC) {
    throw new AppError(
      'CASE_NOT_A_DATABASE',
      `${path} is not an Outpost case (not a SQLite database).`,
    )
  }
  return false
}

function translateSqliteError(error: unknown, path: string): unknown {
  if (error instanceof AppError) return error
  const code = (error as { code?: unknown }).code
  if (code === 'SQLITE_NOTADB') {
    return new AppError(
      'CASE_NOT_A_DATABASE',
      `${path} is not an Outpost case (not a SQLite database).`,
      { cause: error },
    )
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) {
    return new AppError('CASE_CORRUPT', `The case file ${path} is damaged (${code}).`, {
      cause: error,
    })
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new AppError('PATH_UNREADABLE', `Cannot open the case file ${path}.`, { cause: error })
  }
  return error
}
