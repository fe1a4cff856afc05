import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { appendAudit } from '../../../main/core/case/audit-log'
import { closeCase } from '../../../main/core/case/case-file'
import { isDiskFull } from '../../../main/core/case/disk-full'
import { markInterruptedScans, getScan } from '../../../main/core/case/scan-repo'
import { AppError } from '../../../main/core/model/errors'
import { caseScanner } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'

// The case disk filling up during a scan, without root or namespaces: SQLite's max_page_count
// on the scan's write connection makes it report SQLITE_FULL ("database or disk is full")
// exactly as a full disk does. The real full disk (tmpfs) is test/hardening/crash/full-disk.
const FILES = 160

function findings(db: Parameters<typeof markInterruptedScans>[0]): string[] {
  return (
    db
      .prepare(
        `SELECT f.path || ' ' || r.name || ' ' || x.match_count FROM findings x
         JOIN files f ON f.id = x.file_id JOIN rules r ON r.id = x.rule_pk WHERE x.scan_id = 1`,
      )
      .pluck()
      .all() as string[]
  ).sort()
}

describe('full case disk during a scan (SQLITE_FULL)', () => {
  it('C1 stops with a clear AppError, keeps the case intact and resumable, then resumes to the full result', async () => {
    const evidence = join(tempDir(), 'ev')
    mkdirSync(evidence)
    for (let i = 0; i < FILES; i += 1)
      writeFileSync(
        join(evidence, `f${i}.txt`),
        `f${i} ${i % 2 === 0 ? 'FULL-MARK ' : ''}${'q'.repeat(600)}`,
      )
    const pack = await localPack({
      'r.yar': 'rule Full { strings: $a = "FULL-MARK" condition: $a }\n',
    })

    // What an uninterrupted scan finds (test/core/scan covers that it does): every even file.
    const expected = Array.from({ length: FILES / 2 }, (_, k) => `f${2 * k}.txt Full 1`).sort()

    const scanner = await caseScanner([evidence])
    const { db } = scanner.handle
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages + 16}`)
    let error: unknown
    try {
      await scanner.scan([pack])
    } catch (e: unknown) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('SCAN_FAILED')
    expect((error as AppError).message).toMatch(
      /^The disk holding the case \(.+\) is full: scan 1 stopped\. .*then resume scan 1\.$/,
    )
    expect(isDiskFull((error as AppError).cause)).toBe(true)

    // Intact, with what was committed before, and resumable.
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    markInterruptedScans(db) // what the next open does when even the closing write failed
    const stopped = getScan(db, 1)
    expect(stopped?.status).toBe('interrupted')
    const partial = findings(db)
    expect(partial.length).toBeGreaterThan(0)
    expect(partial.length).toBeLessThan(expected.length)
    expect(partial.every((line) => expected.includes(line))).toBe(true)

    // Space freed: the resume completes to exactly the uninterrupted result.
    db.pragma('max_page_count = 1073741823')
    // …and each batch it reports committed (the crash tests' ACK) is visible to another
    // connection the moment it is reported.
    const reader = new Database(db.name, { readonly: true, fileMustExist: true })
    const visible = reader.prepare(
      `SELECT count(*) FROM scan_files s JOIN files f ON f.id = s.file_id
       WHERE s.scan_id = 1 AND f.path = ?`,
    )
    const unseen: string[] = []
    let reported = 0
    const resumed = await scanner.scan([pack], {
      resumeScanId: 1,
      onCommitted: (batch) => {
        reported += batch.paths.length
        unseen.push(...batch.paths.filter((path) => visible.pluck().get(path) !== 1))
      },
    })
    reader.close()
    expect(resumed.status).toBe('completed')
    expect(reported).toBeGreaterThan(0)
    expect(unseen).toEqual([])
    expect(findings(db)).toEqual(expected)
    closeCase(scanner.handle)
  })

  it('C1 a scan that cannot even start on a full disk says so, and changes nothing', async () => {
    const evidence = join(tempDir(), 'ev')
    mkdirSync(evidence)
    writeFileSync(join(evidence, 'a.txt'), 'FULL-MARK')
    const pack = await localPack({
      'r.yar': 'rule Full { strings: $a = "FULL-MARK" condition: $a }\n',
    })
    const scanner = await caseScanner([evidence])
    const { db } = scanner.handle
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    // Fill the audit log's last page: the scan's first write (its audit entry) has no room.
    for (;;) {
      try {
        appendAudit(db, scanner.handle.info.uuid, { actor: 'fill', action: 'test.fill' })
      } catch (error: unknown) {
        expect(isDiskFull(error)).toBe(true)
        break
      }
    }
    await expect(scanner.scan([pack])).rejects.toMatchObject({
      code: 'SCAN_FAILED',
      message: expect.stringMatching(/is full: the scan could not start/) as unknown,
    })
    expect(db.prepare('SELECT count(*) FROM scans').pluck().get()).toBe(0)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    closeCase(scanner.handle)
  })

  it('C1 control: isDiskFull recognises the codes a full disk gives, and nothing else', () => {
    expect(['SQLITE_FULL', 'ENOSPC', 'EDQUOT'].map((code) => isDiskFull({ code }))).toEqual([
      true,
      true,
      true,
    ])
    expect(['SQLITE_IOERR', 'EACCES', undefined].map((code) => isDiskFull({ code }))).toEqual([
      false,
      false,
      false,
    ])
    expect(isDiskFull(null)).toBe(false)
  })
})
