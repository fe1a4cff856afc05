import { availableParallelism } from 'node:os'
import type { ScanLimits } from '../model/scan'

/**
 * The limits a scan runs with unless told otherwise; every scan records the ones it used.
 *
 * - 256 MiB whole-file limit: above it a file is scanned in 16 MiB blocks with a 1 MiB overlap
 *   (coverage `block-mode`; memory stays bounded whatever the size).
 * - 60 s engine timeout per file, backed by a 90 s hard deadline that kills the process.
 * - 1,000 matches per pattern: the yara-x default (1,000,000) costs seconds and ~90 MB on one
 *   file (ENGINE.md); counts such as `#a` saturate at the cap.
 */
export function defaultScanLimits(): ScanLimits {
  return {
    maxFileBytes: 256 * 1024 * 1024,
    engineTimeoutMs: 60_000,
    hardDeadlineMs: 90_000,
    matchCapPerPattern: 1_000,
    excerptBytes: 256,
    processes: Math.max(1, availableParallelism()),
  }
}
