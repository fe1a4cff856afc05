import type { RelatedFindings, SameFileFinding, SameHashFile } from '../model/finding-related'
import type { TriageStatus } from '../model/findings'
import type { LocationColumns } from './findings-repo'
import { LOCATION_SELECT, locationOf } from './findings-repo'
import type { Db } from './open-case-db'

/** Entries listed per related list; the rest are counted. */
export const RELATED_LIMIT = 200

/**
 * What relates to one finding: other files of the case with the same SHA-256 (with their findings
 * in the finding's scan), and the other findings of the same file in that scan. Undefined when
 * there is no such finding.
 */
export function getRelatedFindings(db: Db, findingId: number): RelatedFindings | undefined {
  const finding = db
    .prepare(
      `SELECT f.scan_id, f.file_id, fl.sha256 FROM findings f JOIN files fl ON fl.id = f.file_id WHERE f.id = ?`,
    )
    .get(findingId) as { scan_id: number; file_id: number; sha256: string | null } | undefined
  if (finding === undefined) return undefined
  return {
    sameHash: sameHashFiles(db, finding.scan_id, finding.file_id, finding.sha256),
    sameFile: sameFileFindings(db, finding.scan_id, finding.file_id, findingId),
  }
}

type HashRow = LocationColumns & {
  file_id: number
  evidence_label: string
  path: string
  finding_count: number
  first_finding_id: number | null
}

function sameHashFiles(
  db: Db,
  scanId: number,
  fileId: number,
  sha256: string | null,
): RelatedFindings['sameHash'] {
  if (sha256 === null) return { total: 0, items: [] }
  const total = (
    db
      .prepare('SELECT count(*) AS n FROM files WHERE sha256 = ? AND id <> ?')
      .get(sha256, fileId) as { n: number }
  ).n
  // Files with findings first (what the analyst opens), then by evidence and path.
  const rows = db
    .prepare(
      `SELECT fl.id AS file_id, e.label AS evidence_label, fl.path, ${LOCATION_SELECT},
              (SELECT count(*) FROM findings f WHERE f.file_id = fl.id AND f.scan_id = @scanId)
                AS finding_count,
              (SELECT f.id FROM findings f WHERE f.file_id = fl.id AND f.scan_id = @scanId
                ORDER BY f.score DESC, f.id LIMIT 1) AS first_finding_id
         FROM files fl
         JOIN evidence e ON e.id = fl.evidence_id
         LEFT JOIN volumes v ON v.id = fl.volume_id
         LEFT JOIN filesystems fs ON fs.id = fl.filesystem_id
        WHERE fl.sha256 = @sha256 AND fl.id <> @fileId
        ORDER BY finding_count = 0, e.label, fl.path, fl.id
        LIMIT @limit`,
    )
    .all({ scanId, sha256, fileId, limit: RELATED_LIMIT }) as HashRow[]
  const items = rows.map((row): SameHashFile => ({
    fileId: row.file_id,
    evidenceLabel: row.evidence_label,
    location: locationOf(row),
    path: row.path,
    findingCount: row.finding_count,
    firstFindingId: row.first_finding_id,
  }))
  return { total, items }
}

function sameFileFindings(
  db: Db,
  scanId: number,
  fileId: number,
  findingId: number,
): RelatedFindings['sameFile'] {
  const where = 'f.file_id = @fileId AND f.scan_id = @scanId AND f.id <> @findingId'
  const params = { fileId, scanId, findingId }
  const total = (
    db.prepare(`SELECT count(*) AS n FROM findings f WHERE ${where}`).get(params) as { n: number }
  ).n
  const rows = db
    .prepare(
      `SELECT f.id, r.name AS rule_name, r.namespace AS rule_namespace, p.name AS pack_name,
              f.score, f.triage_status, f.match_count
         FROM findings f
         JOIN rules r ON r.id = f.rule_pk
         JOIN rule_packs p ON p.id = r.pack_id
        WHERE ${where}
        ORDER BY f.score DESC, f.id
        LIMIT @limit`,
    )
    .all({ ...params, limit: RELATED_LIMIT }) as {
    id: number
    rule_name: string
    rule_namespace: string
    pack_name: string
    score: number
    triage_status: TriageStatus
    match_count: number
  }[]
  const items = rows.map((row): SameFileFinding => ({
    id: row.id,
    ruleName: row.rule_name,
    ruleNamespace: row.rule_namespace,
    packName: row.pack_name,
    score: row.score,
    triageStatus: row.triage_status,
    matchCount: row.match_count,
  }))
  return { total, items }
}
