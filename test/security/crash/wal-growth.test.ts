import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appendAudit } from '../../../main/core/case/audit-log'
import { closeCase, createCase, openCase } from '../../../main/core/case/case-file'
import { openCaseDbReadOnly } from '../../../main/core/case/open-case-db'
import { tempDir } from '../../helpers/temp-dir'

// security-checks C4: a long read (an open iterator) starves checkpoints while 10k rows are
// written; once it is released a TRUNCATE checkpoint brings the -wal back under
// journal_size_limit, and closing the case leaves no -wal over 0 bytes.
const ROWS = 10_000
const PER_COMMIT = 500
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024

function walBytes(path: string): number {
  return existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0
}

describe('C4 WAL growth and checkpoint starvation', () => {
  it('C4 a checkpoint after the long read ends truncates the WAL; close leaves none', () => {
    const path = join(tempDir(), 'case.outpost')
    closeCase(createCase(path, { name: 'C4', examiner: 'ana', appVersion: 'test' }))
    const handle = openCase(path)
    const { db, info } = handle
    const reader = openCaseDbReadOnly(path)
    // The long read: an iterator kept open over the audit log pins its snapshot.
    const iterator = reader.prepare('SELECT * FROM audit_log').iterate()
    iterator.next()
    const detail = 'x'.repeat(300)
    for (let done = 0; done < ROWS; done += PER_COMMIT) {
      db.transaction(() => {
        for (let i = 0; i < PER_COMMIT; i += 1)
          appendAudit(db, info.uuid, { actor: 'c4', action: 'test.row', details: { detail } })
      })()
    }
    // Control: while the reader holds its snapshot, a checkpoint cannot copy the frames written
    // since (starved). PASSIVE: TRUNCATE would wait the 5 s busy timeout for the reader first.
    const starved = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[]
    expect(starved[0]?.checkpointed).toBeLessThan(starved[0]?.log ?? 0)
    const grown = walBytes(path)
    expect(grown).toBeGreaterThan(1024 * 1024)

    iterator.return?.()
    reader.close()
    const after = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
    expect(after[0]?.busy).toBe(0)
    expect(walBytes(path)).toBeLessThanOrEqual(JOURNAL_SIZE_LIMIT)
    expect(walBytes(path)).toBe(0)
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBeGreaterThanOrEqual(ROWS)

    closeCase(handle)
    expect(walBytes(path)).toBe(0)
    console.log(`C4: WAL grew to ${(grown / 1048576).toFixed(1)} MiB under a long read; 0 after`)
  })
})
