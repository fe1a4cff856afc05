import { closeCase } from '../../core/case/case-file'
import { getFindingDetail } from '../../core/case/finding-detail-repo'
import { listFindings } from '../../core/case/findings-repo'
import type { FindingDetail } from '../../core/model/findings'
import type { CliIo } from '../cli-context'
import { openExistingCase } from '../cli-context'
import { EXIT } from '../exit-codes'

/** Options of `outpost findings`. */
export interface FindingsCommandOptions {
  readonly casePath: string
  readonly scanId?: number | undefined
  readonly format: 'text' | 'json' | 'csv'
  readonly minScore?: number | undefined
}

const PAGE = 500

/** `outpost findings --case <file>`: every finding of a scan (the latest by default). */
export function findingsCommand(options: FindingsCommandOptions, io: CliIo): number {
  const handle = openExistingCase(options.casePath)
  try {
    const details = [...allFindings(handle.db, options)]
    io.out(render(details, options.format))
    return EXIT.OK
  } finally {
    closeCase(handle)
  }
}

function* allFindings(
  db: Parameters<typeof listFindings>[0],
  options: FindingsCommandOptions,
): Generator<FindingDetail> {
  for (let offset = 0; ; offset += PAGE) {
    const page = listFindings(db, {
      scanId: options.scanId,
      offset,
      limit: PAGE,
      sort: 'score',
      direction: 'desc',
      minScore: options.minScore,
    })
    for (const row of page.rows) {
      const detail = getFindingDetail(db, row.id)
      if (detail) yield detail
    }
    if (offset + PAGE >= page.total) return
  }
}

function render(
  details: readonly FindingDetail[],
  format: FindingsCommandOptions['format'],
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(details.map(toJson), null, 2)}\n`
    case 'csv':
      return toCsv(details)
    case 'text':
      return details.length === 0 ? 'No findings.\n' : details.map(toText).join('')
  }
}

function toJson(d: FindingDetail): unknown {
  return {
    id: d.finding.id,
    scan: d.finding.scanId,
    score: d.finding.score,
    rule: d.rule.name,
    namespace: d.rule.namespace,
    ruleId: d.rule.ruleId,
    pack: `${d.rule.packName}@${d.rule.packVersion}`,
    evidence: d.file.evidenceLabel,
    location: d.finding.location,
    path: d.file.path,
    deleted: d.finding.deleted,
    unallocated: d.finding.unallocated,
    inode: d.file.inode,
    // What the file system says beyond names: owner, group, mode, stream, $FILE_NAME times…
    metadata: d.file.metadata,
    imageOffset: d.file.imageOffset,
    sha256: d.file.sha256,
    md5: d.file.md5,
    mime: d.file.mime,
    fileType: d.file.fileType,
    triage: d.finding.triageStatus,
    matches: d.matches.map((m) => ({
      identifier: m.identifier,
      offset: m.offset,
      length: m.length,
      imageOffset: m.imageOffset,
      excerptHex: m.excerptHex,
    })),
  }
}

function toText(d: FindingDetail): string {
  const matches = d.matches
    .slice(0, 5)
    .map((m) => `${m.identifier}@${m.offset}`)
    .join(' ')
  const more = d.matches.length > 5 || d.moreMatches > 0 ? ' …' : ''
  const place = [d.file.evidenceLabel, d.finding.location, printable(d.file.path)]
    .filter((p) => p !== null)
    .join(' › ')
  const state = d.finding.deleted ? ' [deleted]' : d.finding.unallocated ? ' [unallocated]' : ''
  return `${String(d.finding.score).padStart(3)}  ${d.rule.name}  ${place}${state}  ${matches}${more}\n`
}

const CSV_COLUMNS = [
  'id',
  'scan',
  'score',
  'rule',
  'namespace',
  'rule_id',
  'pack',
  'evidence',
  'location',
  'path',
  'state',
  'sha256',
  'md5',
  'mime',
  'file_type',
  'triage',
  'matches',
]

function toCsv(details: readonly FindingDetail[]): string {
  const lines = details.map((d) =>
    [
      d.finding.id,
      d.finding.scanId,
      d.finding.score,
      d.rule.name,
      d.rule.namespace,
      d.rule.ruleId ?? '',
      `${d.rule.packName}@${d.rule.packVersion}`,
      d.file.evidenceLabel,
      d.finding.location ?? '',
      d.file.path,
      d.finding.deleted ? 'deleted' : d.finding.unallocated ? 'unallocated' : 'allocated',
      d.file.sha256 ?? '',
      d.file.md5 ?? '',
      d.file.mime ?? '',
      d.file.fileType ?? '',
      d.finding.triageStatus,
      d.matches
        .map(
          (m) =>
            `${m.identifier}@${m.offset}+${m.length}${m.imageOffset === null ? '' : `(image ${m.imageOffset})`}`,
        )
        .join(' '),
    ]
      .map((v) => csvField(String(v)))
      .join(','),
  )
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`
}

/**
 * One CSV field, quoted when needed; a leading `=`, `+`, `-`, `@`, tab or CR is prefixed with a
 * quote so a spreadsheet does not run evidence-supplied text as a formula (CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** Evidence text for a terminal: control and bidi characters escaped (no terminal escapes run). */
export function printable(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    out += isUnsafeForTerminal(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char
  }
  return out
}

/** C0/C1 controls, DEL, and the bidi marks and overrides that reorder what a reader sees. */
function isUnsafeForTerminal(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  )
}
