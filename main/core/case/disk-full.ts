import { dirname } from 'node:path'
import { AppError } from '../model/errors'

/**
 * True when a write failed because the disk (or the user's quota) is full: SQLite reports
 * `SQLITE_FULL`, Node's file system calls `ENOSPC` / `EDQUOT`.
 */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT'
}

/**
 * The error a scan stops with when the case's disk is full. SQLite rolled the batch back, so
 * the case holds exactly the batches committed before; the scan is left resumable.
 */
export function scanDiskFull(casePath: string, scanId: number, cause: unknown): AppError {
  return new AppError(
    'SCAN_FAILED',
    `The disk holding the case (${dirname(casePath)}) is full: scan ${scanId} stopped. ` +
      'Everything committed before is kept and the case is intact. Free space on that disk ' +
      `(or move the case to a larger one), then resume scan ${scanId}.`,
    { cause },
  )
}

/** The error when the case's disk is too full for a scan even to start (nothing was changed). */
export function scanCannotStart(casePath: string, cause: unknown): AppError {
  return new AppError(
    'SCAN_FAILED',
    `The disk holding the case (${dirname(casePath)}) is full: the scan could not start and ` +
      'the case was not changed. Free space on that disk (or move the case to a larger one), ' +
      'then start the scan again.',
    { cause },
  )
}
