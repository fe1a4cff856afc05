import { basename } from 'node:path'
import type { FindingFilter } from '../../case/findings-repo'
import { latestScanId } from '../../case/findings-repo'
import type { Db } from '../../case/open-case-db'
import { AppError } from '../../model/errors'
import type { TriageStatus } from '../../model/findings'
import { tlpAllows } from '../../model/tlp'
import type { TlpLevel } from '../../model/tlp'
import { exportIds } from '../export-ids'
import type {
  ExportCoverage,
  ExportEvidence,
  ExportModel,
  ExportNote,
  ExportScan,
} from '../export-model'
import { Redactor } from '../redaction'
import type { RedactionProfileName } from '../redaction'
import { auditActors, auditPrefix, toExportAudit } from './gather-audit'
import { selectFindings, toExportFindings } from './gather-findings'
import { gatherRules } from './gather-rules'

/** Triage states exported when the analyst does not choose: everything not judged harmless. */
export const DEFAULT_EXPORT_TRIAGE: readonly TriageStatus[] = ['new', 'needs-review', 'confirmed']

/** What the analyst chose for one export. */
export interface ExportRequest {
  readonly tlp: TlpLevel
  readonly redaction: RedactionProfileName
  /** Words to remove everywhere (host names, operation names). */
  readonly extraTerms?: readonly string[]
  /** The scan whose findings are shared; the case's latest when absent. */
  readonly scanId?: number
  readonly filter?: FindingFilter
  readonly producer: { readonly org: string; readonly keyId: string | null }
  /** Who makes the export (the examiner of the app or CLI). */
  readonly examiner: string
  readonly toolVersion: string
}

interface CaseRow {
  uuid: string
  name: string
  case_number: string | null
  examiner: string
  description: string | null
  created_at: string
  default_tlp: TlpLevel
}

/**
 * Gather the {@link ExportModel} of one export from the case: the findings of one scan that pass
 * the filter and the TLP limit, their rules, files, notes and matches, the evidence and method,
 * and the audit chain — redacted as the profile says. Reads only.
 *
 * @throws AppError `NOT_FOUND` when the case has no scan (or not the one asked for).
 */
export function gatherExport(db: Db, request: ExportRequest): ExportModel {
  const caseRow = db.prepare('SELECT * FROM case_info WHERE id = 1').get() as CaseRow
  const scanId = request.scanId ?? latestScanId(db)
  if (scanId === null) throw new AppError('NOT_FOUND', 'The case has no scan to share yet.')
  const scan = db.prepare('SELECT * FROM scans WHERE id = ?').get(scanId) as
    Record<string, string | number | null> | undefined
  if (scan === undefined) throw new AppError('NOT_FOUND', `There is no scan ${scanId}.`)
  const filter: FindingFilter = { triage: DEFAULT_EXPORT_TRIAGE, ...request.filter }
  const caseTlp = caseRow.default_tlp
  const selected = selectFindings(db, scanId, filter, request.tlp, caseTlp)
  const noteRows = selectNotes(
    db,
    selected.rows.map((r) => r.id),
    request.tlp,
    caseTlp,
  )
  const evidenceRows = selectEvidence(db, scanId)
  refuseChangedEvidence(evidenceRows)
  const prefix = auditPrefix(db)
  const redactor = new Redactor({
    profile: request.redaction,
    analystNames: [
      request.examiner,
      caseRow.examiner,
      String(scan['examiner']),
      ...noteRows.notes.map((n) => n.author),
      ...evidenceRows.map((e) => e.added_by),
      ...auditActors(prefix),
    ],
    paths: [...evidenceRows.map((e) => e.source_path), ...profilePaths(db, scanId)],
    caseNumber: caseRow.case_number,
    extraTerms: request.extraTerms ?? [],
  })
  const findings = toExportFindings(db, caseRow.uuid, caseTlp, selected, redactor)
  const byFindingId = new Map(findings.map((f) => [f.findingId, f.uuid]))
  const rules = gatherRules(db, selected.rulePks, findings, redactor)
  const choices = { ...request, examiner: undefined, toolVersion: undefined, scanId, filter }
  const keepCaseNumber = !redactor.has('case-number')
  if (!keepCaseNumber && caseRow.case_number !== null) redactor.count('case-number')
  return {
    bundleId: exportIds.bundle(caseRow.uuid, prefix.rows.at(-1)?.hash ?? '', choices),
    created: prefix.lastAt ?? caseRow.created_at,
    tlp: request.tlp,
    producer: {
      org: request.producer.org,
      orgUuid: exportIds.organisation(request.producer.keyId ?? request.producer.org),
      tool: 'Outpost',
      toolVersion: request.toolVersion,
      keyId: request.producer.keyId,
      examiner: redactor.has('analyst-names') ? null : request.examiner,
    },
    case: {
      uuid: caseRow.uuid,
      name: redactor.text(caseRow.name),
      caseNumber: keepCaseNumber ? caseRow.case_number : null,
      description: redactor.optional(caseRow.description),
    },
    evidence: evidenceRows.map((row) => toExportEvidence(row, redactor)),
    rules,
    findings,
    notes: noteRows.notes.map((note) => toExportNote(note, byFindingId, caseTlp, redactor)),
    scans: [toExportScan(db, scan)],
    coverage: selectCoverage(db, scanId),
    withheld: {
      findingsAboveTlp: selected.aboveTlp,
      notesAboveTlp: noteRows.aboveTlp,
      findingsFiltered: selected.filteredOut,
    },
    audit: toExportAudit(prefix, redactor),
    redaction: {
      profile: request.redaction,
      rules: [...redactor.rules, ...((request.extraTerms ?? []).length > 0 ? ['terms'] : [])],
      replaced: redactor.replaced(),
    },
  }
}

/**
 * Every path of the scan's evidence under a user-profile folder (not just the exported ones: a
 * withheld finding's user still appears in labels and the audit log).
 */
function profilePaths(db: Db, scanId: number): string[] {
  return db
    .prepare(
      `SELECT DISTINCT fl.path FROM files fl JOIN scan_evidence se ON se.evidence_id = fl.evidence_id
       WHERE se.scan_id = ? AND (fl.path LIKE 'users/%' OR fl.path LIKE '%/users/%'
         OR fl.path LIKE 'home/%' OR fl.path LIKE '%/home/%'
         OR fl.path LIKE 'documents and settings/%' OR fl.path LIKE '%/documents and settings/%'
         OR fl.path LIKE '//%')`,
    )
    .pluck()
    .all(scanId) as string[]
}

interface NoteRow {
  uuid: string
  finding_id: number | null
  author: string
  created_at: string
  modified_at: string
  body: string
  tlp: TlpLevel | null
}

function selectNotes(
  db: Db,
  findingIds: readonly number[],
  limit: TlpLevel,
  caseTlp: TlpLevel,
): { notes: NoteRow[]; aboveTlp: number } {
  const exported = new Set(findingIds)
  const rows = (db.prepare('SELECT * FROM notes ORDER BY id').all() as NoteRow[]).filter(
    (n) => n.finding_id === null || exported.has(n.finding_id),
  )
  const notes = rows.filter((n) => tlpAllows(limit, n.tlp ?? caseTlp))
  return { notes, aboveTlp: rows.length - notes.length }
}

function toExportNote(
  note: NoteRow,
  byFindingId: ReadonlyMap<number, string>,
  caseTlp: TlpLevel,
  redactor: Redactor,
): ExportNote {
  return {
    uuid: note.uuid,
    findingUuid: note.finding_id === null ? null : (byFindingId.get(note.finding_id) ?? null),
    author: redactor.has('analyst-names') ? null : note.author,
    created: note.created_at,
    modified: note.modified_at,
    text: redactor.text(note.body),
    tlp: note.tlp ?? caseTlp,
  }
}

interface EvidenceRow {
  uuid: string
  label: string
  kind: ExportEvidence['kind']
  source_path: string
  size_bytes: number | null
  md5: string | null
  sha1: string | null
  sha256: string | null
  container_format: string | null
  added_by: string
  integrity: string
  integrity_detail: string | null
}

/**
 * Security-checks B3: findings made on evidence whose bytes no longer match their recorded hash
 * (or an image that does not match its acquisition hash) are not shared as if sound.
 */
function refuseChangedEvidence(rows: readonly EvidenceRow[]): void {
  const changed = rows.filter((row) => row.integrity === 'mismatch')
  if (changed.length === 0) return
  throw new AppError(
    'EVIDENCE_HASH_MISMATCH',
    `Export refused: ${changed.map((row) => row.label).join(', ')} no longer ` +
      `match${changed.length === 1 ? 'es' : ''} the recorded hash (${changed[0]?.integrity_detail ?? 'see the audit log'}).`,
  )
}

function selectEvidence(db: Db, scanId: number): EvidenceRow[] {
  return db
    .prepare(
      `SELECT e.* FROM evidence e JOIN scan_evidence se ON se.evidence_id = e.id
       WHERE se.scan_id = ? ORDER BY e.label, e.uuid`,
    )
    .all(scanId) as EvidenceRow[]
}

function toExportEvidence(row: EvidenceRow, redactor: Redactor): ExportEvidence {
  return {
    uuid: row.uuid,
    label: redactor.text(row.label),
    kind: row.kind,
    format: row.container_format,
    fileName: row.kind === 'folder' ? null : redactor.text(basename(row.source_path)),
    sizeBytes: row.size_bytes,
    md5: row.md5,
    sha1: row.sha1,
    sha256: row.sha256,
  }
}

function toExportScan(db: Db, scan: Record<string, string | number | null>): ExportScan {
  const packs = db
    .prepare(
      `SELECT p.name, p.version, p.manifest_sha256 AS sha256 FROM scan_packs sp
       JOIN rule_packs p ON p.id = sp.pack_id WHERE sp.scan_id = ? ORDER BY p.name, p.version`,
    )
    .all(scan['id']) as { name: string; version: string; sha256: string }[]
  return {
    uuid: String(scan['uuid']),
    startedAt: String(scan['started_at']),
    finishedAt: scan['finished_at'] === null ? null : String(scan['finished_at']),
    status: String(scan['status']),
    appVersion: String(scan['app_version']),
    engine: String(scan['engine']),
    binding: `${String(scan['binding_package'])}@${String(scan['binding_version'])}`,
    packs,
    filesScanned: Number(scan['files_scanned']),
    bytesScanned: Number(scan['bytes_scanned']),
  }
}

function selectCoverage(db: Db, scanId: number): ExportCoverage[] {
  return (
    db
      .prepare(
        `SELECT e.uuid AS evidenceUuid, c.reason, count(*) AS count FROM coverage c
         JOIN evidence e ON e.id = c.evidence_id WHERE c.scan_id = ?
         GROUP BY e.uuid, c.reason ORDER BY e.uuid, c.reason`,
      )
      .all(scanId) as ExportCoverage[]
  ).map((row) => ({ ...row }))
}
