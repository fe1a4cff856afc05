import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { closeCase, createCase } from '../../../main/core/case/case-file'
import {
  openCaseDb,
  openCaseDbReadOnly,
  readRequiredPragmas,
} from '../../../main/core/case/open-case-db'
import { ROOT } from '../../helpers/launcher'
import { tempDir } from '../../helpers/temp-dir'

// security-checks C3: the durability settings are really in force after every kind of open.
const IN_FORCE = {
  journal_mode: 'wal',
  synchronous: 2,
  foreign_keys: 1,
  trusted_schema: 0,
}
const MIN_BUSY_TIMEOUT_MS = 5000

function expectInForce(db: Database.Database): void {
  const read = readRequiredPragmas(db)
  expect(read).toMatchObject(IN_FORCE)
  expect(read['busy_timeout']).toBeGreaterThanOrEqual(MIN_BUSY_TIMEOUT_MS)
}

function newCase(): string {
  const path = join(tempDir(), 'case.outpost')
  closeCase(createCase(path, { name: 'C3', examiner: 'ana', appVersion: 'test' }))
  return path
}

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

describe('C3 case DB settings in force after every open', () => {
  it('C3 fresh database: wal, FULL, foreign keys, busy timeout ≥ 5000, trusted_schema off', () => {
    const handle = createCase(join(tempDir(), 'fresh.outpost'), {
      name: 'C3',
      examiner: 'ana',
      appVersion: 'test',
    })
    try {
      expectInForce(handle.db)
    } finally {
      closeCase(handle)
    }
  })

  it('C3 reopened WAL database (better-sqlite3 alone would report synchronous = 1)', () => {
    const path = newCase()
    const db = openCaseDb(path)
    try {
      expectInForce(db)
    } finally {
      db.close()
    }
  })

  it('C3 read-only connection (the scan processes’ lookups) gets the same settings', () => {
    const path = newCase()
    const db = openCaseDbReadOnly(path)
    try {
      expectInForce(db)
      expect(db.readonly).toBe(true)
    } finally {
      db.close()
    }
  })

  it('C3 control: a plain read-only better-sqlite3 connection does NOT have them', () => {
    // Proves the check above can fail: this is what the scan process opened before the fix.
    const plain = new Database(newCase(), { readonly: true, fileMustExist: true })
    try {
      const read = readRequiredPragmas(plain)
      expect(read['trusted_schema']).toBe(1)
      expect(read['synchronous']).not.toBe(2)
    } finally {
      plain.close()
    }
  })

  it('C3 every connection to a case goes through openCaseDb / openCaseDbReadOnly', () => {
    // A `new Database(` elsewhere would skip the settings. The NSRL RDS reader opens a
    // third-party hash-set database, not a case.
    const allowed = new Set([
      'main/core/case/open-case-db.ts',
      'main/core/hashsets/parse-nsrl-rds3.ts',
    ])
    const offenders = sources(join(ROOT, 'main'))
      .filter((path) => /new Database\(/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path))
      .filter((path) => !allowed.has(path))
    expect(offenders).toEqual([])
  })
})
