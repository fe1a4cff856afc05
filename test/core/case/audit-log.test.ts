import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { appendAudit, auditHead, verifyAudit } from '../../../main/core/case/audit-log'
import type { CaseHandle } from '../../../main/core/case/case-file'
import { closeCase, createCase } from '../../../main/core/case/case-file'
import { tempDir } from '../../helpers/temp-dir'

function caseWithEntries(count: number): CaseHandle {
  const handle = createCase(join(tempDir(), 'a.outpost'), {
    name: 'A',
    examiner: 'ana',
    appVersion: 't',
  })
  for (let i = 0; i < count; i += 1) {
    appendAudit(handle.db, handle.info.uuid, {
      actor: 'ana',
      action: 'test.step',
      subject: `s${i}`,
      details: { i },
    })
  }
  return handle
}

/** A copy of the case opened without Outpost's guards, as a tamperer would. */
function tamperedCopy(
  handle: CaseHandle,
  tamper: (db: Database.Database) => void,
): Database.Database {
  handle.db.pragma('wal_checkpoint(TRUNCATE)')
  const copy = join(tempDir(), 'copy.outpost')
  copyFileSync(handle.info.path, copy)
  const db = new Database(copy)
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete')
  tamper(db)
  return db
}

describe('audit log', () => {
  it('verifies an untouched chain and reports its head', () => {
    const handle = caseWithEntries(5)
    const result = verifyAudit(handle.db, handle.info.uuid)
    expect(result).toEqual({ ok: true, entries: 6, head: auditHead(handle.db), firstBroken: null })
    closeCase(handle)
  })

  it('refuses UPDATE and DELETE through its triggers', () => {
    const handle = caseWithEntries(2)
    expect(() =>
      handle.db.prepare(`UPDATE audit_log SET actor = 'eve' WHERE seq = 2`).run(),
    ).toThrow(/append-only/)
    expect(() => handle.db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(
      /append-only/,
    )
    expect(verifyAudit(handle.db, handle.info.uuid).ok).toBe(true)
    closeCase(handle)
  })

  it('names the first entry whose content was changed', () => {
    const handle = caseWithEntries(5)
    const db = tamperedCopy(handle, (d) =>
      d.prepare(`UPDATE audit_log SET actor = 'eve' WHERE seq = 3`).run(),
    )
    const result = verifyAudit(db, handle.info.uuid)
    expect(result.ok).toBe(false)
    expect(result.firstBroken).toEqual({ seq: 3, reason: 'its content does not match its hash' })
    expect(result.entries).toBe(2)
  })

  it('catches an entry rewritten with a fresh hash: the next link breaks', () => {
    const handle = caseWithEntries(5)
    const db = tamperedCopy(handle, (d) => {
      d.prepare(`UPDATE audit_log SET hash = ? WHERE seq = 3`).run('0'.repeat(64))
    })
    const result = verifyAudit(db, handle.info.uuid)
    expect(result.firstBroken?.seq).toBe(3)
  })

  it('catches a deleted middle entry', () => {
    const handle = caseWithEntries(5)
    const db = tamperedCopy(handle, (d) => d.prepare('DELETE FROM audit_log WHERE seq = 4').run())
    expect(verifyAudit(db, handle.info.uuid).firstBroken).toEqual({
      seq: 5,
      reason: 'entry 4 is missing (found 5 next)',
    })
  })

  it('misses a deleted tail on its own, and catches it against the anchored head', () => {
    const handle = caseWithEntries(5)
    const anchored = auditHead(handle.db)!
    const db = tamperedCopy(handle, (d) => d.prepare('DELETE FROM audit_log WHERE seq >= 5').run())
    expect(verifyAudit(db, handle.info.uuid).ok).toBe(true)
    const result = verifyAudit(db, handle.info.uuid, anchored)
    expect(result.ok).toBe(false)
    expect(result.firstBroken?.seq).toBe(5)
  })

  it('catches an anchored head whose entry was replaced', () => {
    const handle = caseWithEntries(3)
    const anchored = auditHead(handle.db)!
    expect(
      verifyAudit(handle.db, handle.info.uuid, { seq: anchored.seq, hash: 'f'.repeat(64) }).ok,
    ).toBe(false)
    expect(verifyAudit(handle.db, handle.info.uuid, anchored).ok).toBe(true)
  })

  it('binds the chain to its case: entries replayed into another case do not verify', () => {
    const handle = caseWithEntries(2)
    expect(verifyAudit(handle.db, 'another-case-uuid').firstBroken?.seq).toBe(1)
  })

  it('commits an entry with the action it records, or neither', () => {
    const handle = caseWithEntries(0)
    expect(() =>
      handle.db.transaction(() => {
        appendAudit(handle.db, handle.info.uuid, { actor: 'ana', action: 'will.roll.back' })
        throw new Error('the action failed')
      })(),
    ).toThrow('the action failed')
    expect(verifyAudit(handle.db, handle.info.uuid).entries).toBe(1)
    closeCase(handle)
  })
})
