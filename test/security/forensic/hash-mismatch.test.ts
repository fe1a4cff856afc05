import { closeSync, openSync, readFileSync, statSync, utimesSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { getEvidence } from '../../../main/core/case/evidence-repo'
import { AppError } from '../../../main/core/model/errors'
import type { Evidence } from '../../../main/core/model/evidence'
import { hashImageEvidence } from '../../../main/core/scan/hash-image'
import { SMALL_LIMITS } from '../../helpers/case-scanner'
import { sourceLauncher } from '../../helpers/launcher'
import { localPack } from '../../helpers/local-pack'
import { buildForensicEvidence, FORENSIC_RULES, HEAVY_TIMEOUT_MS } from './forensic-fixtures'
import { addHashScan, evidenceRoot, exportBundle } from './soundness-run'
import type { ScannedCase } from './soundness-run'
import { runScan } from '../../../main/core/scan/run-scan'
import { tempDir } from '../../helpers/temp-dir'

/** Flip one byte in place, then put size and mtime back: bit rot an mtime check cannot see. */
function rot(path: string, offset: number): void {
  const { atime, mtime } = statSync(path)
  const byte = readFileSync(path)[offset]!
  const fd = openSync(path, 'r+')
  writeSync(fd, Buffer.from([byte ^ 0x20]), 0, 1, offset)
  closeSync(fd)
  utimesSync(path, atime, mtime)
}

function mismatchAudits(
  scanned: ScannedCase,
): { subject: string; details: Record<string, unknown> }[] {
  return (
    scanned.handle.db
      .prepare(
        `SELECT subject, details_json FROM audit_log WHERE action = 'evidence.hash-mismatch'`,
      )
      .all() as { subject: string; details_json: string }[]
  ).map((r) => ({
    subject: r.subject,
    details: JSON.parse(r.details_json) as Record<string, unknown>,
  }))
}

function expectExportRefused(scanned: ScannedCase): void {
  let error: unknown
  try {
    exportBundle(scanned.handle)
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe('EVIDENCE_HASH_MISMATCH')
}

async function rescan(scanned: ScannedCase): Promise<void> {
  const summary = await runScan({
    db: scanned.handle.db,
    caseUuid: scanned.handle.info.uuid,
    examiner: 'ana',
    appVersion: 'test',
    evidence: scanned.evidence,
    packs: [await localPack(FORENSIC_RULES)],
    limits: SMALL_LIMITS,
    launcher: sourceLauncher(),
    cacheDir: tempDir('outpost-cache-'),
  })
  expect(summary.status).toBe('completed')
}

/**
 * Security-checks B3: hashes are recorded with algorithm and time; evidence that changes after
 * (simulated bit rot between two scans, or between adding an image and hashing it again) raises
 * an `EVIDENCE_HASH_MISMATCH` audit event, and the case can no longer be exported.
 */
describe('B3 hash before and after', () => {
  it(
    'a folder and a single file that rot between two scans are marked mismatch, audited, and the export refused',
    { timeout: HEAVY_TIMEOUT_MS },
    async () => {
      const root = evidenceRoot()
      const [tree, single] = buildForensicEvidence(root) as [string, string]
      const pack = await localPack(FORENSIC_RULES)
      const scanned = await addHashScan([tree, single], [pack], SMALL_LIMITS, sourceLauncher())
      const [folder, file] = scanned.evidence.map((e) => getEvidence(scanned.handle.db, e.id)!) as [
        Evidence,
        Evidence,
      ]
      expect(folder.manifestSha256).toMatch(/^[0-9a-f]{64}$/)
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(folder.hashedAt).not.toBeNull()
      expect(exportBundle(scanned.handle).findings).toBeGreaterThan(0) // sound: exports

      await rescan(scanned) // control: unchanged evidence raises no mismatch
      expect(getEvidence(scanned.handle.db, folder.id)!.integrity).toBe(folder.integrity)
      expect(mismatchAudits(scanned)).toEqual([])

      rot(join(tree, 'a/b/c/deep.bin'), 100)
      rot(single, 3)
      await rescan(scanned)
      const folderAfter = getEvidence(scanned.handle.db, folder.id)!
      expect(folderAfter.integrity).toBe('mismatch')
      expect(folderAfter.manifestSha256).toBe(folder.manifestSha256) // the reference is kept
      expect(getEvidence(scanned.handle.db, file.id)!.integrity).toBe('mismatch')
      const audits = mismatchAudits(scanned)
      expect(audits.map((a) => a.subject).sort()).toEqual([folder.uuid, file.uuid].sort())
      expect(audits.find((a) => a.subject === folder.uuid)).toMatchObject({
        details: {
          code: 'EVIDENCE_HASH_MISMATCH',
          algorithm: 'SHA-256 manifest',
          recorded: folder.manifestSha256,
          recordedAt: folder.hashedAt,
          during: 'scan',
        },
      })
      expect(audits.find((a) => a.subject === file.uuid)?.details).toMatchObject({
        algorithm: 'SHA-256',
        recorded: file.sha256,
      })
      for (const audit of audits)
        expect(audit.details['computed']).not.toBe(audit.details['recorded'])
      expectExportRefused(scanned)
    },
  )

  it(
    'an image that rots after it was hashed fails when hashed again, and its export is refused',
    { timeout: HEAVY_TIMEOUT_MS },
    async () => {
      const root = evidenceRoot()
      const raw = buildForensicEvidence(root)[2]!
      const launcher = sourceLauncher()
      const scanned = await addHashScan(
        [raw],
        [await localPack(FORENSIC_RULES)],
        SMALL_LIMITS,
        launcher,
      )
      const first = getEvidence(scanned.handle.db, scanned.evidence[0]!.id)!
      expect(first.integrity).toBe('computed')
      expect(exportBundle(scanned.handle).findings).toBeGreaterThan(0)

      rot(raw, 100_000)
      const update = await hashImageEvidence(scanned.handle, first, { launcher, examiner: 'ana' })
      expect(update.state).toBe('mismatch')
      const after = getEvidence(scanned.handle.db, first.id)!
      expect(after.integrity).toBe('mismatch')
      expect(after.sha256).toBe(first.sha256)
      expect(mismatchAudits(scanned)[0]?.details).toMatchObject({
        code: 'EVIDENCE_HASH_MISMATCH',
        algorithm: 'SHA-256',
        recorded: first.sha256,
        computed: update.hashes?.sha256,
        during: 'rehash',
      })
      expectExportRefused(scanned)
    },
  )
})
