import type { ScanLimits } from '../../../main/core/model/scan'
import type { CoverageSummary } from '../../../main/core/model/coverage'
import { formatCount, formatMillis, formatSize } from '../../lib/format'

/**
 * The limits a scan ran with, in one line: max file size, timeouts and the match cap.
 */
export function describeLimits(limits: ScanLimits): string {
  return [
    `max file ${formatSize(limits.maxFileBytes)}`,
    `timeout ${formatMillis(limits.engineTimeoutMs)} (hard ${formatMillis(limits.hardDeadlineMs)})`,
    `match cap ${formatCount(limits.matchCapPerPattern)} per pattern`,
  ].join(' · ')
}

/** How many files a scan did not scan fully, over every coverage reason. */
export function countNotFullyScanned(coverage: CoverageSummary): number {
  return Object.values(coverage).reduce<number>((sum, n) => sum + n, 0)
}
