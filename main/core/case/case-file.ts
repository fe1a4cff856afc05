import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import type { CaseInfo } from '../model/case'
import { DEFAULT_TLP } from '../model/tlp'
import type { TlpLevel } from '../model/tlp'
import { AppError } from '../model/errors'
import { appendAudit } from './audit-log'
import { isDiskFull } from './disk-full'
import type { Db, OpenCaseDbOptions } from './open-case-db'
import { openCaseDb } from './open-case-db'
import { SCHEMA_VERSION } from './migrations'

/** An open case: its connection and identity. */
export interface CaseHandle {
  readonly db: Db
  readonly info: CaseInfo
}

/** What the analyst gives when creating a case. */
export interface NewCase {
  readonly name: string
  readonly examiner: string
  readonly caseNumber?: string | undefined
  readonly description?: string | undefined
  /** The case's default TLP (amber when not given). */
  readonly defaultTlp?: TlpLevel | undefined
  readonly appVersion: string
}

interface CaseInfoRow {
  uuid: string
  name: string
  case_number: string | null
  examiner: string
  description: string | null
  created_at: string
  app_version: string
  default_tlp: TlpLevel
}

/**
 * Create a new case database at `path`.
 *
 * @throws AppError `CASE_EXISTS` when a non-empty file is already there (never overwritten).
 */
export function createCase(
  path: string,
  input: NewCase,
  options: OpenCaseDbOptions = {},
): CaseHandle {
  if (nonEmptyFileExists(path)) {
    throw new AppError('CASE_EXISTS', `A file already exists at ${path}; choose another name.`)
  }
  const db = openCaseDb(path, { ...options, create: true })
  const row: CaseInfoRow = {
    uuid: randomUUID(),
    name: input.name,
    case_number: input.caseNumber ?? null,
    examiner: input.examiner,
    description: input.description ?? null,
    created_at: new Date().toISOString(),
    app_version: input.appVersion,
    default_tlp: input.defaultTlp ?? DEFAULT_TLP,
  }
  db.transaction(() => {
    db.prepare(
      `INSERT INTO case_info (id, uuid, name, case_number, examiner, description, created_at, app_version, default_tlp)
       VALUES (1, @uuid, @name, @case_number, @examiner, @description, @created_at, @app_version, @default_tlp)`,
    ).run(row)
    appendAudit(db, row.uuid, {
      actor: input.examiner,
      action: 'case.created',
      subject: row.uuid,
      details: {
        name: row.name,
        caseNumber: row.case_number,
        appVersion: row.app_version,
        defaultTlp: row.default_tlp,
      },
    })
  }).immediate()
  return { db, info: toCaseInfo(row, path) }
}

/**
 * Open an existing case.
 *
 * @throws AppError from {@link openCaseDb}, or `CASE_NOT_A_DATABASE` when it holds no case.
 */
export function openCase(path: string, options: OpenCaseDbOptions = {}): CaseHandle {
  const db = openCaseDb(path, options)
  try {
    return { db, info: readCaseInfo(db, path) }
  } catch (error: unknown) {
    db.close()
    throw error
  }
}

/** The case's identity as stored. */
export function readCaseInfo(db: Db, path: string): CaseInfo {
  const row = db.prepare('SELECT * FROM case_info WHERE id = 1').get() as CaseInfoRow | undefined
  if (row === undefined) {
    throw new AppError('CASE_NOT_A_DATABASE', `${path} holds no case information.`)
  }
  return toCaseInfo(row, path)
}

/**
 * Checkpoint the WAL into the main file and close, so no `-wal` is left behind. On a full disk
 * the checkpoint cannot grow the main file: the `-wal` then stays, with every commit in it
 * (SQLite replays it on the next open), and closing is not an error.
 */
export function closeCase(handle: CaseHandle): void {
  if (!handle.db.open) return
  try {
    handle.db.pragma('wal_checkpoint(TRUNCATE)')
  } catch (error: unknown) {
    if (!isDiskFull(error)) throw error
  } finally {
    handle.db.close()
  }
}

function toCaseInfo(row: CaseInfoRow, path: string): CaseInfo {
  return {
    uuid: row.uuid,
    name: row.name,
    caseNumber: row.case_number,
    examiner: row.examiner,
    description: row.description,
    defaultTlp: row.default_tlp,
    createdAt: row.created_at,
    appVersion: row.app_version,
    path,
    schemaVersion: SCHEMA_VERSION,
  }
}

function nonEmptyFileExists(path: string): boolean {
  try {
    return statSync(path).size > 0
  } catch {
    return false
  }
}
