import { appendAudit } from '../case/audit-log'
import { isDiskFull, scanDiskFull } from '../case/disk-full'
import type { Db } from '../case/open-case-db'
import { getEvidence, updateEvidenceTotals } from '../case/evidence-repo'
import { hashDrift, recordHashDrift } from '../evidence/hash-drift'
import type { Evidence } from '../model/evidence'
import { finishScan, getScan } from '../case/scan-repo'
import { AppError } from '../model/errors'
import type { ScanStatus, ScanSummary } from '../model/scan'
import { evidenceTotals } from './evidence-totals'
import type { FolderAtimeLog } from './evidence-walk'
import type { RunScanInput } from './run-scan'
import type { ProgressMeter } from './scan-progress'

/**
 * End a scan: evidence totals (when complete), final status, the audit entry with counts and
 * coverage, the last progress event. A failed scan is recorded, then its error is thrown.
 */
export function closeScan(
  input: RunScanInput,
  scanId: number,
  status: Exclude<ScanStatus, 'running'>,
  failure: unknown,
  meter: ProgressMeter,
  folderAtimes: FolderAtimeLog,
): ScanSummary {
  const { db } = input
  const message =
    failure === null ? null : failure instanceof Error ? failure.message : 'unknown error'
  const record = db.transaction(() => {
    if (status === 'completed') {
      for (const evidence of input.evidence) recordTotals(input, evidence)
    }
    finishScan(db, scanId, status, message)
    const summary = getScan(db, scanId)
    appendAudit(db, input.caseUuid, {
      actor: input.examiner,
      action: `scan.${status}`,
      subject: String(scanId),
      details: {
        filesScanned: summary?.filesScanned,
        bytesScanned: summary?.bytesScanned,
        findings: summary?.findingCount,
        coverage: summary?.coverage,
        atimeUnprotectedFiles: atimeUnprotected(db, scanId),
        foldersAtimeUpdated: folderAtimes.summary(),
        error: message,
      },
    })
  })
  try {
    record.immediate()
  } catch (error: unknown) {
    // The disk is still full: the row stays `running` (the next open marks it interrupted, so
    // it can be resumed); the analyst still learns why the scan stopped.
    if (!isDiskFull(error)) throw error
    throw failure instanceof AppError ? failure : scanDiskFull(db.name, scanId, error)
  }
  input.onProgress?.(meter.snapshot('done', status))
  if (status !== 'completed' && failure instanceof AppError) throw failure
  if (status === 'failed')
    throw new AppError('SCAN_FAILED', `The scan failed: ${message ?? 'unknown error'}`, {
      cause: failure,
    })
  return getScan(db, scanId) as ScanSummary
}

/**
 * Record an evidence item's totals and fingerprint after a complete scan. When the case already
 * holds a fingerprint and this one differs, the evidence changed since (security-checks B3): the
 * recorded value is kept as the reference, the item is marked `mismatch` and audited.
 *
 * Only a full scan fingerprints or compares: a selection or a retro-hunt reads only part of the
 * evidence, so its files' hashes are not the whole folder's.
 */
function recordTotals(input: RunScanInput, evidence: Evidence): void {
  const { db } = input
  const totals = evidenceTotals(db, evidence)
  const full = input.onlyEntryKeys === undefined && (input.kind ?? 'scan') === 'scan'
  if (!full) {
    updateEvidenceTotals(db, evidence.id, { ...totals, manifestSha256: null })
    return
  }
  const current = getEvidence(db, evidence.id)
  const drift = current === undefined ? null : hashDrift(current, totals, 'scan')
  if (current === undefined || drift === null) {
    updateEvidenceTotals(db, evidence.id, totals)
    return
  }
  const keepRecorded = { manifestSha256: null, md5: null, sha1: null, sha256: null }
  updateEvidenceTotals(db, evidence.id, { ...totals, ...keepRecorded })
  recordHashDrift(db, input.caseUuid, input.examiner, current, drift)
}

/** Files this scan had to read without O_NOATIME (their access time may have changed). */
function atimeUnprotected(db: Db, scanId: number): number {
  return (
    db.prepare('SELECT atime_unprotected AS n FROM scans WHERE id = ?').get(scanId) as { n: number }
  ).n
}
