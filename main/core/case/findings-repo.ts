import type {
  FindingDetail,
  FindingPage,
  FindingRow,
  FindingSortColumn,
  TriageStatus,
} from '../model/findings'
import { entryMetadata } from './entry-metadata-row'
import type { EntryMetadataColumns } from './entry-metadata-row'
import type { Db } from './open-case-db'
import type { TlpLevel } from '../model/tlp'
import type { RuleState, SupersededReason } from '../model/rule-states'

/** A findings query; without `scanId`, the case's latest scan. */
export interface FindingQuery {
  readonly scanId?: number | undefined
  readonly offset: number
  readonly limit: number
  readonly sort: FindingSortColumn
  readonly direction: 'asc' | 'desc'
  readonly minScore?: number | undefined
  readonly text?: string | undefined
  readonly triage?: readonly TriageStatus[] | undefined
  /** Leave out findings a suppression covers (known false positives). */
  readonly hideSuppressed?: boolean | undefined
}

/** Sort columns → SQL: an allow-list, never the caller's string. */
const ORDER_BY: Readonly<Record<FindingSortColumn, string>> = {
  score: 'f.score',
  rule: 'r.name',
  path: 'fl.path',
  type: "coalesce(fl.mime, '')",
  matches: 'f.match_count',
  id: 'f.id',
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
}

/** The id of the case's most recent scan, or null when there is none. */
export function latestScanId(db: Db): number | null {
  const row = db.prepare('SELECT max(id) AS id FROM scans').get() as { id: number | null }
  return row.id
}

/** What selects findings: the list view's filter, and an export's. */
export type FindingFilter = Pick<FindingQuery, 'minScore' | 'text' | 'triage' | 'hideSuppressed'>

/**
 * The WHERE clause (over `findings f`, `rules r`, `files fl`) and parameters of a filter within
 * one scan: values only ever as placeholders.
 */
export function findingFilterSql(
  scanId: number,
  filter: FindingFilter,
): { clause: string; params: Record<string, unknown> } {
  const where: string[] = ['f.scan_id = @scanId']
  const params: Record<string, unknown> = { scanId }
  if (filter.minScore !== undefined) {
    where.push('f.score >= @minScore')
    params['minScore'] = filter.minScore
  }
  if (filter.text !== undefined && filter.text.trim() !== '') {
    where.push(
      `(fl.path LIKE @like ESCAPE '\\' OR r.name LIKE @like ESCAPE '\\' OR fl.sha256 = @exact)`,
    )
    params['like'] = `%${filter.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    params['exact'] = filter.text.trim().toLowerCase()
  }
  if (filter.triage !== undefined && filter.triage.length > 0) {
    where.push(`f.triage_status IN (${filter.triage.map((_, i) => `@t${i}`).join(', ')})`)
    filter.triage.forEach((status, i) => (params[`t${i}`] = status))
  }
  if (filter.hideSuppressed === true) where.push('f.suppression_id IS NULL')
  return { clause: where.join(' AND '), params }
}

/** One page of findings, sorted and filtered in SQL (the renderer never holds them all). */
export function listFindings(db: Db, query: FindingQuery): FindingPage {
  const scanId = query.scanId ?? latestScanId(db)
  if (scanId === null) return { total: 0, rows: [] }
  const filtered = findingFilterSql(scanId, query)
  const clause = filtered.clause
  const params = { ...filtered.params, limit: query.limit, offset: query.offset }
  const total = (
    db
      .prepare(
        `SELECT count(*) AS n FROM findings f JOIN rules r ON r.id = f.rule_pk JOIN files fl ON fl.id = f.file_id WHERE ${clause}`,
      )
      .get(params) as { n: number }
  ).n
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC'
  const rows = db
    .prepare(
      `${ROW_SELECT} WHERE ${clause} ORDER BY ${ORDER_BY[query.sort]} ${direction}, f.id ASC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as Row[]
  return { total, rows: rows.map(toFindingRow) }
}

/** Matches listed in a finding's detail; the rest are counted. */
const DETAIL_MATCH_LIMIT = 500

/** Everything the detail view shows about one finding, or undefined. */
export function getFindingDetail(db: Db, findingId: number): FindingDetail | undefined {
  const row = db.prepare(`${ROW_SELECT} WHERE f.id = ?`).get(findingId) as Row | undefined
  if (row === undefined) return undefined
  const rule = db
    .prepare(
      `SELECT r.rule_id, r.tags_json, r.meta_json FROM findings f JOIN rules r ON r.id = f.rule_pk WHERE f.id = ?`,
    )
    .get(findingId) as { rule_id: string | null; tags_json: string; meta_json: string }
  const file = db
    .prepare(`SELECT fl.* FROM findings f JOIN files fl ON fl.id = f.file_id WHERE f.id = ?`)
    .get(findingId) as Record<string, string | number | null>
  const matches = db
    .prepare(
      `SELECT identifier, byte_offset, byte_length, excerpt, image_offset FROM matches WHERE finding_id = ?
       ORDER BY byte_offset, identifier LIMIT ?`,
    )
    .all(findingId, DETAIL_MATCH_LIMIT) as {
    identifier: string
    byte_offset: number
    byte_length: number
    excerpt: Buffer
    image_offset: number | null
  }[]
  const matchTotal = (
    db.prepare('SELECT count(*) AS n FROM matches WHERE finding_id = ?').get(findingId) as {
      n: number
    }
  ).n
  const meta = JSON.parse(rule.meta_json) as Record<string, string | number | boolean>
  return {
    finding: toFindingRow(row),
    rule: {
      name: row.rule_name,
      namespace: row.rule_namespace,
      ruleId: rule.rule_id,
      packName: row.pack_name,
      packVersion: row.pack_version,
      description: typeof meta['description'] === 'string' ? meta['description'] : null,
      author: typeof meta['author'] === 'string' ? meta['author'] : null,
      tags: JSON.parse(rule.tags_json) as string[],
      meta,
    },
    file: {
      path: row.path,
      evidenceLabel: row.evidence_label,
      sizeBytes: row.size_bytes,
      md5: file['md5'] as string | null,
      sha1: file['sha1'] as string | null,
      sha256: row.sha256,
      mime: row.mime,
      fileType: row.file_type,
      entropy: file['entropy'] as number | null,
      owner: file['owner'] as string | null,
      times: {
        modified: file['modified_at'] as string | null,
        accessed: file['accessed_at'] as string | null,
        changed: file['changed_at'] as string | null,
        born: file['born_at'] as string | null,
      },
      timeNote: file['time_note'] as string | null,
      inode: file['inode'] as string | null,
      imageOffset: file['image_offset'] as number | null,
      metadata: entryMetadata(file as unknown as EntryMetadataColumns),
    },
    matches: matches.map((m) => ({
      identifier: m.identifier,
      offset: m.byte_offset,
      length: m.byte_length,
      excerptHex: m.excerpt.toString('hex'),
      truncated: m.excerpt.length < m.byte_length,
      imageOffset: m.image_offset,
    })),
    moreMatches: Math.max(0, matchTotal - matches.length),
  }
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
  }
}
