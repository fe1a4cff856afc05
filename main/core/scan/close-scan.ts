import { appendAudit } from '../case/audit-log'
import type { Db } from '../case/open-case-db'
import { updateEvidenceTotals } from '../case/evidence-repo'
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
  db.transaction(() => {
    if (status === 'completed') {
      for (const evidence of input.evidence)
        updateEvidenceTotals(db, evidence.id, evidenceTotals(db, evidence))
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
  }).immediate()
  input.onProgress?.(meter.snapshot('done', status))
  if (status === 'failed' && failure instanceof AppError) throw failure
  if (status === 'failed')
    throw new AppError('SCAN_FAILED', `The scan failed: ${message ?? 'unknown error'}`, {
      cause: failure,
    })
  return getScan(db, scanId) as ScanSummary
}

/** Files this scan had to read without O_NOATIME (their access time may have changed). */
function atimeUnprotected(db: Db, scanId: number): number {
  return (
    db.prepare('SELECT atime_unprotected AS n FROM scans WHERE id = ?').get(scanId) as { n: number }
  ).n
}
