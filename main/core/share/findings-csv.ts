import { tlpLabel } from '../model/tlp'
import type { ExportEvidence, ExportFinding, ExportModel, ExportRule } from './export-model'

/** The CSV's columns, in order: the header row. */
export const FINDINGS_CSV_COLUMNS = [
  'finding_id',
  'evidence',
  'evidence_sha256',
  'location',
  'path',
  'file_name',
  'size',
  'md5',
  'sha1',
  'sha256',
  'mime',
  'deleted',
  'unallocated',
  'rule',
  'rule_namespace',
  'pack',
  'pack_version',
  'score',
  'triage',
  'tlp',
  'match_count',
  'first_match_offset',
  'seen_at',
] as const

/** One of {@link FINDINGS_CSV_COLUMNS}. */
export type FindingsCsvColumn = (typeof FINDINGS_CSV_COLUMNS)[number]

// A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV Injection").
const FORMULA_START = /^[=+\-@\t\r]/

// Lone surrogates cannot be encoded as UTF-8; U+FFFD marks where one was.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * One CSV field: formula-neutralised, then quoted when RFC 4180 needs it.
 *
 * A value starting with `= + - @`, TAB or CR gets a leading apostrophe so Excel, LibreOffice
 * and Google Sheets show it as text instead of evaluating it; the apostrophe is visible in other
 * tools, which is the accepted trade-off. Fields holding `,` `"` CR or LF are quoted, `"` doubled.
 */
export function csvField(value: string): string {
  const wellFormed = value.replace(LONE_SURROGATE, '\ufffd')
  const neutral = FORMULA_START.test(wellFormed) ? `'${wellFormed}` : wellFormed
  return /[",\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral
}

function text(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? '' : String(value)
}

function row(
  finding: ExportFinding,
  evidence: ExportEvidence | undefined,
  rule: ExportRule | undefined,
): Record<FindingsCsvColumn, string> {
  const { file } = finding
  const [namespace, ...nameParts] = finding.ruleKey.split(':')
  return {
    finding_id: text(finding.findingId),
    evidence: evidence?.label ?? finding.evidenceUuid,
    evidence_sha256: text(evidence?.sha256),
    location: text(file.location),
    path: file.path,
    file_name: file.name,
    size: text(file.sizeBytes),
    md5: text(file.md5),
    sha1: text(file.sha1),
    sha256: text(file.sha256),
    mime: text(file.mime),
    deleted: text(file.deleted),
    unallocated: text(file.unallocated),
    rule: rule?.name ?? nameParts.join(':'),
    rule_namespace: rule?.namespace ?? text(namespace),
    pack: text(rule?.packName),
    pack_version: text(rule?.packVersion),
    score: text(finding.score),
    triage: finding.triageStatus,
    tlp: tlpLabel(finding.tlp),
    match_count: text(finding.matchCount),
    first_match_offset: text(finding.matches[0]?.offset),
    seen_at: finding.seenAt,
  }
}

/**
 * Render findings/findings.csv: one row per exported finding under a header row.
 *
 * RFC 4180 (CRLF after every record, the last included; fields quoted when needed), returned as
 * a string the caller writes as UTF-8 without a BOM. Booleans are `true`/`false`, absent values
 * empty, TLP as FIRST's label (`TLP:AMBER`), offsets in decimal. Every field goes through
 * {@link csvField}, so a file named `=cmd|calc!A1.txt` cannot become a formula.
 */
export function renderFindingsCsv(model: ExportModel): string {
  const evidence = new Map(model.evidence.map((item) => [item.uuid, item]))
  const rules = new Map(model.rules.map((rule) => [rule.key, rule]))
  const lines = [FINDINGS_CSV_COLUMNS.map(csvField).join(',')]
  for (const finding of model.findings) {
    const cells = row(finding, evidence.get(finding.evidenceUuid), rules.get(finding.ruleKey))
    lines.push(FINDINGS_CSV_COLUMNS.map((column) => csvField(cells[column])).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}
