import { createHash } from 'node:crypto'
import {
  FINDING_JOINS,
  findingFilterSql,
  LOCATION_SELECT,
  locationOf,
} from '../../case/findings-repo'
import type { FindingFilter, LocationColumns } from '../../case/findings-repo'
import type { Db } from '../../case/open-case-db'
import type { TriageStatus } from '../../model/findings'
import { tlpAllows, tlpMax } from '../../model/tlp'
import type { TlpLevel } from '../../model/tlp'
import { exportIds } from '../export-ids'
import type { ExportFinding, ExportMatch } from '../export-model'
import type { Redactor } from '../redaction'

/** Matched strings carried per finding (the count is always complete). */
export const EXPORT_MATCH_LIMIT = 100

interface FindingJoinRow extends LocationColumns {
  id: number
  rule_pk: number
  rule_namespace: string
  rule_name: string
  score: number
  triage_status: TriageStatus
  created_at: string
  match_count: number
  finding_tlp: TlpLevel | null
  file_tlp: TlpLevel | null
  pack_tlp: TlpLevel | null
  evidence_uuid: string
  path: string
  name: string
  size_bytes: number
  md5: string | null
  sha1: string | null
  sha256: string | null
  mime: string | null
  deleted: number
  kind: string
  modified_at: string | null
  accessed_at: string | null
  changed_at: string | null
  born_at: string | null
}

/** The findings of one scan that pass the filter, split by what the TLP limit allows. */
export interface GatheredFindings {
  /** Unredacted rows, in finding-id order: the export redacts them once it knows every name. */
  readonly rows: readonly FindingJoinRow[]
  readonly rulePks: ReadonlySet<number>
  readonly aboveTlp: number
  readonly filteredOut: number
}

/**
 * Select the findings an export may carry.
 *
 * A finding is as restricted as the most restricted of itself, its file (both default to the
 * case's TLP) and its rule pack (a pack's TLP binds the rule text and therefore its hits).
 */
export function selectFindings(
  db: Db,
  scanId: number,
  filter: FindingFilter,
  limit: TlpLevel,
  caseTlp: TlpLevel,
): GatheredFindings {
  const { clause, params } = findingFilterSql(scanId, filter)
  const rows = db
    .prepare(
      `SELECT f.id, f.rule_pk, r.namespace AS rule_namespace, r.name AS rule_name, f.score,
              f.triage_status, f.created_at, f.match_count, f.tlp AS finding_tlp,
              fl.tlp AS file_tlp, p.tlp AS pack_tlp, e.uuid AS evidence_uuid, fl.path, fl.name,
              fl.size_bytes, fl.md5, fl.sha1, fl.sha256, fl.mime, fl.deleted, fl.kind,
              fl.modified_at, fl.accessed_at, fl.changed_at, fl.born_at, ${LOCATION_SELECT}
       ${FINDING_JOINS}
       WHERE ${clause} ORDER BY f.id`,
    )
    .all(params) as FindingJoinRow[]
  const total = (
    db.prepare('SELECT count(*) AS n FROM findings WHERE scan_id = ?').get(scanId) as { n: number }
  ).n
  const allowed = rows.filter((row) => tlpAllows(limit, effectiveTlp(row, caseTlp)))
  return {
    rows: allowed,
    rulePks: new Set(allowed.map((row) => row.rule_pk)),
    aboveTlp: rows.length - allowed.length,
    filteredOut: total - rows.length,
  }
}

function effectiveTlp(row: FindingJoinRow, caseTlp: TlpLevel): TlpLevel {
  return tlpMax(row.finding_tlp ?? caseTlp, row.file_tlp ?? caseTlp, row.pack_tlp ?? 'clear')
}

/** The export form of the selected findings, with their matches, after redaction. */
export function toExportFindings(
  db: Db,
  caseUuid: string,
  caseTlp: TlpLevel,
  gathered: GatheredFindings,
  redactor: Redactor,
): ExportFinding[] {
  const selectMatches = db.prepare(
    `SELECT identifier, byte_offset, byte_length, excerpt FROM matches WHERE finding_id = ?
     ORDER BY byte_offset, identifier LIMIT ${EXPORT_MATCH_LIMIT}`,
  )
  return gathered.rows.map((row) => {
    const path = redactor.text(row.path)
    const slash = path.lastIndexOf('/')
    const matches = (
      selectMatches.all(row.id) as {
        identifier: string
        byte_offset: number
        byte_length: number
        excerpt: Buffer
      }[]
    ).map((m) => toExportMatch(m, redactor))
    return {
      uuid: exportIds.finding(caseUuid, row.id),
      findingId: row.id,
      ruleKey: `${row.rule_namespace}:${row.rule_name}`,
      evidenceUuid: row.evidence_uuid,
      tlp: effectiveTlp(row, caseTlp),
      score: row.score,
      triageStatus: row.triage_status,
      seenAt: row.created_at,
      file: {
        path,
        location: redactor.optional(locationOf(row)),
        name: slash < 0 ? path : path.slice(slash + 1),
        directory: slash <= 0 ? '/' : path.slice(0, slash),
        sizeBytes: row.size_bytes,
        md5: row.md5,
        sha1: row.sha1,
        sha256: row.sha256,
        mime: row.mime,
        deleted: row.deleted === 1,
        unallocated: row.kind === 'unallocated',
        modified: row.modified_at,
        accessed: row.accessed_at,
        changed: row.changed_at,
        born: row.born_at,
      },
      matchCount: row.match_count,
      matches,
    }
  })
}

function toExportMatch(
  m: { identifier: string; byte_offset: number; byte_length: number; excerpt: Buffer },
  redactor: Redactor,
): ExportMatch {
  const hideExcerpt = redactor.has('excerpts')
  if (hideExcerpt) redactor.count('excerpts')
  return {
    identifier: m.identifier,
    offset: m.byte_offset,
    length: m.byte_length,
    excerptHex: hideExcerpt ? null : m.excerpt.toString('hex'),
    excerptSha256: createHash('sha256').update(m.excerpt).digest('hex'),
    truncated: m.excerpt.length < m.byte_length,
  }
}
