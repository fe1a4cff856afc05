import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createCase, closeCase, openCase } from '../../../main/core/case/case-file'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../main/core/case/migrations'
import { openCaseDb, readRequiredPragmas } from '../../../main/core/case/open-case-db'
import { AppError } from '../../../main/core/model/errors'
import { tempDir } from '../../helpers/temp-dir'

const REQUIRED = {
  journal_mode: 'wal',
  synchronous: 2,
  foreign_keys: 1,
  trusted_schema: 0,
  busy_timeout: 5000,
  journal_size_limit: 64 * 1024 * 1024,
}

function newCase(dir = tempDir()): string {
  const path = join(dir, 'case.outpost')
  closeCase(createCase(path, { name: 'Case', examiner: 'ana', appVersion: 'test' }))
  return path
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error: unknown) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`
  }
  return undefined
}

describe('openCaseDb', () => {
  it('applies the required settings on a fresh database', () => {
    const handle = createCase(join(tempDir(), 'c.outpost'), {
      name: 'C',
      examiner: 'ana',
      appVersion: 't',
    })
    expect(readRequiredPragmas(handle.db)).toEqual(REQUIRED)
    closeCase(handle)
  })

  it('applies them again when an existing WAL database is reopened (better-sqlite3 reopens at NORMAL)', () => {
    const path = newCase()
    const plain = new Database(path)
    expect(plain.pragma('synchronous', { simple: true })).toBe(1)
    plain.close()
    const db = openCaseDb(path)
    expect(readRequiredPragmas(db)).toEqual(REQUIRED)
    db.close()
  })

  it('records the schema version and the application id', () => {
    const db = openCaseDb(newCase())
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('application_id', { simple: true })).toBe(0x4f505354)
    db.close()
  })

  it('lists migrations in version order, one per version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('refuses a missing file unless asked to create one', () => {
    expect(codeOf(() => openCaseDb(join(tempDir(), 'none.outpost')))).toBe('PATH_NOT_FOUND')
  })

  it('refuses a file that is not a database, and leaves it untouched', () => {
    const path = join(tempDir(), 'notes.outpost')
    writeFileSync(path, 'these are my notes, not a database\n')
    expect(codeOf(() => openCase(path))).toBe('CASE_NOT_A_DATABASE')
    expect(readFileSync(path, 'utf8')).toBe('these are my notes, not a database\n')
  })

  it('refuses an empty file', () => {
    const path = join(tempDir(), 'empty.outpost')
    writeFileSync(path, '')
    expect(codeOf(() => openCase(path))).toBe('CASE_NOT_A_DATABASE')
  })

  it('refuses a SQLite database that is not an Outpost case, and does not change it', () => {
    const path = join(tempDir(), 'other.sqlite')
    const other = new Database(path)
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)')
    other.close()
    const before = readFileSync(path)
    expect(codeOf(() => openCase(path))).toBe('CASE_NOT_A_DATABASE')
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('refuses a case written by a newer Outpost', () => {
    const path = newCase()
    const db = new Database(path)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    let error: unknown
    try {
      openCase(path)
    } catch (e: unknown) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('CASE_TOO_NEW')
    expect((error as AppError).message).toMatch(/newer Outpost/)
  })

  it('reports a damaged case file as corrupt', () => {
    const path = newCase()
    const db = new Database(path)
    for (let i = 0; i < 200; i += 1) {
      db.prepare(
        'INSERT INTO evidence (uuid, label, kind, source_path, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(`u${i}`, 'x'.repeat(500), 'file', `/p${i}`, 'now', 'ana')
    }
    db.pragma('wal_checkpoint(TRUNCATE)')
    const { rootpage } = db
      .prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'evidence'`)
      .get() as {
      rootpage: number
    }
    db.close()
    const bytes = readFileSync(path)
    const pageSize = bytes.readUInt16BE(16)
    // Scribble over the evidence table's root b-tree page (its header and cell pointers).
    bytes.fill(0xa5, (rootpage - 1) * pageSize, (rootpage - 1) * pageSize + 64)
    writeFileSync(path, bytes)
    expect(codeOf(() => openCase(path))).toBe('CASE_CORRUPT')
  })

  it('never overwrites an existing file when creating a case', () => {
    const path = newCase()
    const copy = `${path}.bak`
    copyFileSync(path, copy)
    expect(codeOf(() => createCase(path, { name: 'Other', examiner: 'bo', appVersion: 't' }))).toBe(
      'CASE_EXISTS',
    )
    expect(readFileSync(path).equals(readFileSync(copy))).toBe(true)
  })
})
