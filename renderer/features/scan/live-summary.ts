import type { ScanProgress, ScanSummary } from '../../../main/core/model/scan'
import { formatCount, percent } from '../../lib/format'
import { phaseLabel, statusLabel } from './scan-labels'

/**
 * The sentence the live region announces about a scan.
 *
 * It changes at most every 10 % while scanning, so a screen reader is told about progress
 * without being flooded by every event.
 */
export function liveSummary(progress: ScanProgress | null, finished: ScanSummary | null): string {
  if (finished !== null && (progress === null || progress.scanId === finished.id)) {
    return (
      `Scan #${finished.id} ${statusLabel(finished.status).toLowerCase()}: ` +
      `${formatCount(finished.filesScanned)} files, ${formatCount(finished.findingCount)} findings.`
    )
  }
  if (progress === null) return ''
  if (progress.phase !== 'scanning')
    return `Scan #${progress.scanId}: ${phaseLabel(progress.phase)}.`
  const done = percent(progress.filesDone, progress.filesTotal)
  if (done === null || !progress.walkComplete) {
    return `Scan #${progress.scanId}: scanning, still counting files.`
  }
  return `Scan #${progress.scanId}: scanning, about ${Math.floor(done / 10) * 10} % done.`
}
