import type { CoverageEntry, CoverageReason } from '../model/coverage'
import type { Db } from './open-case-db'
import { latestScanId } from './findings-repo'

/** A coverage query; without `scanId`, the case's latest scan. */
export interface CoverageQuery {
  readonly scanId?: number | undefined
  readonly reason?: CoverageReason | undefined
  readonly offset: number
  readonly limit: number
}

/** One page of a scan's coverage report, by path. */
export function listCoverage(
  db: Db,
  query: CoverageQuery,
): { total: number; rows: CoverageEntry[] } {
  const scanId = query.scanId ?? latestScanId(db)
  if (scanId === null) return { total: 0, rows: [] }
  const where =
    query.reason === undefined
      ? 'c.scan_id = @scanId'
      : 'c.scan_id = @scanId AND c.reason = @reason'
  const params = { scanId, reason: query.reason ?? null, limit: query.limit, offset: query.offset }
  const total = (
    db.prepare(`SELECT count(*) AS n FROM coverage c WHERE ${where}`).get(params) as { n: number }
  ).n
  const rows = db
    .prepare(
      `SELECT c.id, c.scan_id, e.label AS evidence_label, c.path, c.reason, c.detail
       FROM coverage c JOIN evidence e ON e.id = c.evidence_id
       WHERE ${where} ORDER BY c.path, c.id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as {
    id: number
    scan_id: number
    evidence_label: string
    path: string
    reason: CoverageReason
    detail: string | null
  }[]
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      scanId: r.scan_id,
      evidenceLabel: r.evidence_label,
      path: r.path,
      reason: r.reason,
      detail: r.detail,
    })),
  }
}
