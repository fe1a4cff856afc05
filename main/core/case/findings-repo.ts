import type { FindingPage, FindingRow, FindingSortColumn, TriageStatus } from '../model/findings'
import type { Db } from './open-case-db'
import type { TlpLevel } from '../model/tlp'
import type { RuleState, SupersededReason } from '../model/rule-states'
import type { FindingIdList } from '../model/finding-facets'
import { filterFrom, findingFilterSql, ORDER_BY, sortedFrom } from './findings-filter-sql'
import type { FindingFilter } from './findings-filter-sql'

export { findingFilterSql } from './findings-filter-sql'
export type { FindingFilter } from './findings-filter-sql'

/**
 * A findings query. Without `scanId`, the case's latest scan (a rescan records its findings
 * again, so mixing scans would list a hit once per scan); `allScans: true` lists every scan's.
 */
export interface FindingQuery extends FindingFilter {
  readonly scanId?: number | undefined
  readonly allScans?: boolean | undefined
  readonly offset: number
  readonly limit: number
  readonly sort: FindingSortColumn
  readonly direction: 'asc' | 'desc'
}

/**
 * A finding with its rule (`r`), pack (`p`), file (`fl`), evidence (`e`), volume (`v`) and file
 * system (`fs`); the location columns of {@link LocationColumns} read from `v` and `fs`.
 */
export const FINDING_JOINS = `
  FROM findings f
  JOIN rules r ON r.id = f.rule_pk
  JOIN rule_packs p ON p.id = r.pack_id
  JOIN files fl ON fl.id = f.file_id
  JOIN evidence e ON e.id = fl.evidence_id
  LEFT JOIN volumes v ON v.id = fl.volume_id
  LEFT JOIN filesystems fs ON fs.id = fl.filesystem_id`

/** The location columns, as {@link locationOf} reads them. */
export const LOCATION_SELECT = `v.idx AS volume_idx, v.slot AS volume_slot, v.type AS volume_type,
         fs.kind AS fs_kind, fs.label AS fs_label`

const ROW_SELECT = `
  SELECT f.id, f.scan_id, r.name AS rule_name, r.namespace AS rule_namespace, p.name AS pack_name,
         p.version AS pack_version, f.score, f.triage_status, f.tlp, e.label AS evidence_label, fl.path,
         fl.mime, fl.file_type, fl.sha256, fl.size_bytes, f.match_count, fl.deleted, fl.kind,
         f.rule_state, f.superseded, sup.id AS sup_id, sup.reason AS sup_reason,
         sup.origin AS sup_origin, sup.created_by AS sup_by,
         (SELECT json_group_array(tag) FROM
            (SELECT tag FROM finding_tags WHERE finding_id = f.id ORDER BY tag)) AS tags_json,
         ${LOCATION_SELECT}
  ${FINDING_JOINS}
  LEFT JOIN suppressions sup ON sup.id = f.suppression_id`

interface Row {
  id: number
  scan_id: number
  rule_name: string
  rule_namespace: string
  pack_name: string
  pack_version: string
  score: number
  triage_status: TriageStatus
  tlp: TlpLevel | null
  evidence_label: string
  path: string
  mime: string | null
  file_type: string | null
  sha256: string | null
  size_bytes: number
  match_count: number
  deleted: number
  kind: string
  volume_idx: number | null
  volume_slot: string | null
  volume_type: string | null
  fs_kind: string | null
  fs_label: string | null
  rule_state: RuleState | null
  superseded: SupersededReason | null
  sup_id: number | null
  sup_reason: string | null
  sup_origin: string | null
  sup_by: string | null
  tags_json: string
}

/** The id of the case's most recent scan, or null when there is none. */
export function latestScanId(db: Db): number | null {
  const row = db.prepare('SELECT max(id) AS id FROM scans').get() as { id: number | null }
  return row.id
}

/** The scan a query lists (null: every scan), or undefined when the case has none yet. */
export function queryScan(
  db: Db,
  query: Pick<FindingQuery, 'scanId' | 'allScans'>,
): number | null | undefined {
  if (query.scanId !== undefined) return query.scanId
  if (query.allScans === true) return null
  return latestScanId(db) ?? undefined
}

/** One page of findings, sorted and filtered in SQL (the renderer never holds them all). */
export function listFindings(db: Db, query: FindingQuery): FindingPage {
  const scanId = queryScan(db, query)
  if (scanId === undefined) return { total: 0, rows: [] }
  const filtered = findingFilterSql(scanId, query)
  const params = { ...filtered.params, limit: query.limit, offset: query.offset }
  const total = (
    db
      .prepare(`SELECT count(*) AS n ${filterFrom()} WHERE ${filtered.clause}`)
      .get(filtered.params) as { n: number }
  ).n
  // Two steps: sort and page the bare ids (only the joins the filter and sort read), then
  // read the full rows of that one page — a deep offset then costs a sort of ids, not of rows.
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC'
  const ids = db
    .prepare(
      `SELECT f.id ${sortedFrom(query.sort)} WHERE ${filtered.clause}
       ORDER BY ${ORDER_BY[query.sort]} ${direction}, f.id ASC LIMIT @limit OFFSET @offset`,
    )
    .pluck()
    .all(params) as number[]
  if (ids.length === 0) return { total, rows: [] }
  const byId = new Map(
    (
      db
        .prepare(`${ROW_SELECT} WHERE f.id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(ids)) as Row[]
    ).map((row) => [row.id, toFindingRow(row)]),
  )
  return { total, rows: ids.flatMap((id) => byId.get(id) ?? []) }
}

/** Most ids {@link listFindingIds} returns: a bulk action's ceiling. */
export const MAX_FINDING_IDS = 100_000

/** The ids of the findings a filter selects (for "select all"), in id order, capped. */
export function listFindingIds(
  db: Db,
  query: FindingFilter & Pick<FindingQuery, 'scanId' | 'allScans'>,
  cap = MAX_FINDING_IDS,
): FindingIdList {
  const scanId = queryScan(db, query)
  if (scanId === undefined) return { total: 0, ids: [], truncated: false }
  const filtered = findingFilterSql(scanId, query)
  const ids = db
    .prepare(`SELECT f.id ${filterFrom()} WHERE ${filtered.clause} ORDER BY f.id LIMIT @cap`)
    .pluck()
    .all({ ...filtered.params, cap: cap + 1 }) as number[]
  if (ids.length <= cap) return { total: ids.length, ids, truncated: false }
  const total = (
    db
      .prepare(`SELECT count(*) AS n ${filterFrom()} WHERE ${filtered.clause}`)
      .get(filtered.params) as { n: number }
  ).n
  return { total, ids: ids.slice(0, cap), truncated: true }
}

/** One finding as a list row, or undefined (the detail view's header: finding-detail-repo.ts). */
export function findingRowById(db: Db, findingId: number): FindingRow | undefined {
  const row = db.prepare(`${ROW_SELECT} WHERE f.id = ?`).get(findingId) as Row | undefined
  return row === undefined ? undefined : toFindingRow(row)
}

/** The volume and file-system columns a location is written from. */
export type LocationColumns = Pick<
  Row,
  'volume_idx' | 'volume_slot' | 'volume_type' | 'fs_kind' | 'fs_label'
>

/** `volume 1 (FAT32 LBA) › fat32 "DATA"`, or null for a host file. */
export function locationOf(row: LocationColumns): string | null {
  if (row.volume_idx === null) return null
  const volume = `volume ${row.volume_slot || String(row.volume_idx)} (${row.volume_type ?? '?'})`
  if (row.fs_kind === null) return volume
  return `${volume} › ${row.fs_kind}${row.fs_label ? ` "${row.fs_label}"` : ''}`
}

function toFindingRow(row: Row): FindingRow {
  return {
    id: row.id,
    scanId: row.scan_id,
    ruleName: row.rule_name,
    ruleNamespace: row.rule_namespace,
    packName: row.pack_name,
    packVersion: row.pack_version,
    score: row.score,
    triageStatus: row.triage_status,
    tlp: row.tlp,
    evidenceLabel: row.evidence_label,
    location: locationOf(row),
    path: row.path,
    deleted: row.deleted === 1,
    unallocated: row.kind === 'unallocated',
    mime: row.mime,
    fileType: row.file_type,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    matchCount: row.match_count,
    ruleState: row.rule_state,
    suppression:
      row.sup_id === null
        ? null
        : {
            id: row.sup_id,
            reason: row.sup_reason ?? '',
            // A pack's suppression is "by" the pack; the case's, by its examiner.
            by: row.sup_origin === 'case' ? (row.sup_by ?? '') : (row.sup_origin ?? ''),
          },
    superseded: row.superseded,
    tags: JSON.parse(row.tags_json) as string[],
  }
}
