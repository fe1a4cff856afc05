import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { appendAudit, pageAudit, verifyAudit } from '../../../main/core/case/audit-log'
import { createCase, openCase } from '../../../main/core/case/case-file'
import { setExaminer } from '../../../main/core/case/examiner-repo'
import { tempDir } from '../../helpers/temp-dir'

function newCase() {
  return createCase(join(tempDir(), 'a.outpost'), { name: 'A', examiner: 'ana', appVersion: 't' })
}

describe('pageAudit', () => {
  it('gives every details value as an object, whatever was stored', () => {
    const handle = newCase()
    for (const details of [null, 'text', [1, 2], { a: { b: 1 } }]) {
      appendAudit(handle.db, handle.info.uuid, { actor: 'ana', action: 'test.details', details })
    }

    const page = pageAudit(handle.db, { offset: 0, limit: 4, action: 'test.details' })

    expect(page.total).toBe(4)
    expect(page.entries.map((e) => e.details)).toEqual([
      { a: { b: 1 } },
      { value: [1, 2] },
      { value: 'text' },
      {},
    ])
  })

  it('shows a tampered entry as stored, without throwing', () => {
    const handle = newCase()
    appendAudit(handle.db, handle.info.uuid, {
      actor: 'ana',
      action: 'test.one',
      details: { n: 1 },
    })
    handle.db.pragma('wal_checkpoint(TRUNCATE)')
    const copy = join(tempDir(), 'copy.outpost')
    copyFileSync(handle.info.path, copy)
    const raw = new Database(copy)
    raw.exec('DROP TRIGGER audit_log_no_update')
    raw.prepare("UPDATE audit_log SET details_json = '{not json' WHERE action = 'test.one'").run()
    raw.close()
    const tampered = openCase(copy)

    const [entry] = pageAudit(tampered.db, { offset: 0, limit: 1, action: 'test.one' }).entries

    expect(entry?.details).toEqual({ unparsed: '{not json' })
    expect(verifyAudit(tampered.db, tampered.info.uuid).firstBroken?.seq).toBe(entry?.seq)
  })
})

describe('setExaminer', () => {
  it('records the change once, under the previous name, and nothing for the same name', () => {
    const handle = newCase()

    expect(setExaminer(handle.db, handle.info.uuid, 'bo')).toBe(true)
    expect(setExaminer(handle.db, handle.info.uuid, 'bo')).toBe(false)

    const changes = pageAudit(handle.db, { offset: 0, limit: 10, action: 'case.examiner-changed' })
    expect(changes.entries.map((e) => [e.actor, e.details])).toEqual([
      ['ana', { from: 'ana', to: 'bo' }],
    ])
    expect(
      (handle.db.prepare('SELECT examiner FROM case_info').get() as { examiner: string }).examiner,
    ).toBe('bo')
    expect(verifyAudit(handle.db, handle.info.uuid).ok).toBe(true)
  })
})
