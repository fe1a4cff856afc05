import { OUTPOST_UUID_NAMESPACE, uuidV5 } from '../../crypto/uuid'
import type {
  ExportEvidence,
  ExportFinding,
  ExportModel,
  ExportNote,
  ExportRule,
} from '../export-model'
import {
  MISP_FILE_TEMPLATE,
  MISP_FORENSIC_EVIDENCE_TEMPLATE,
  MISP_TLP_TAGS,
  MISP_YARA_TEMPLATE,
  MISP_YARA_VERSION,
  type MispAttribute,
  type MispEvent,
  type MispObject,
  type MispObjectReference,
  type MispObjectTemplate,
} from './misp-templates'

/** `info` is a one-line title of at most 256 characters (RFC). */
const MAX_INFO = 256
/** Attributes and objects inherit the event's distribution. */
const INHERIT = '5'
/** Finding states that mean an analyst has decided. */
const TRIAGED = new Set<ExportFinding['triageStatus']>(['confirmed', 'false-positive', 'benign'])
/** Findings an analyst dismissed: shared for context, never as IDS signatures. */
const DISMISSED = new Set<ExportFinding['triageStatus']>(['false-positive', 'benign'])

/**
 * The MISP core-format event of an export: one `yara` object per rule, one `forensic-evidence`
 * object per evidence item and one `file` object per finding, linked by object references.
 *
 * Ids correlate with the STIX bundle: the event uuid is the bundle id (the STIX writer derives
 * its ids from the same uuid) and each `yara` object's uuid is the rule's STIX indicator uuid. A `file` object's uuid is
 * `uuidV5('misp-file:' + finding.uuid)`: the finding uuid is the STIX sighting's, a different kind
 * of thing, so MISP gets its own derived id. Attribute uuids are
 * `uuidV5('<object uuid>:<relation>:<value>')` (event-level: `<event uuid>:<type>:<value>`).
 * Notes: MISP 2.5 has no analyst-note structure, so a note on a finding becomes a `text`
 * attribute of its `file` object and a case note an event-level `comment` attribute.
 * Pure and deterministic: the same model gives the same JSON, key order included.
 */
export function buildMispEvent(model: ExportModel): MispEvent {
  const timestamp = unixSeconds(model.created)
  const ctx: Context = { model, timestamp }
  const yaraObjects = model.rules.map((rule) => yaraObject(ctx, rule))
  const evidenceObjects = model.evidence.map((evidence) => evidenceObject(ctx, evidence))
  const fileObjects = model.findings.map((finding) => fileObject(ctx, finding))
  const findingUuids = new Set(model.findings.map((f) => f.uuid))
  const eventNotes = model.notes.filter(
    (n) => n.findingUuid === null || !findingUuids.has(n.findingUuid),
  )
  return {
    Event: {
      uuid: model.bundleId,
      info: eventInfo(model),
      date: model.created.slice(0, 10),
      threat_level_id: threatLevel(model.findings),
      analysis: model.findings.every((f) => TRIAGED.has(f.triageStatus)) ? '2' : '1',
      distribution: '0',
      sharing_group_id: '0',
      published: false,
      timestamp,
      publish_timestamp: '0',
      Orgc: { name: model.producer.org, uuid: model.producer.orgUuid },
      Tag: [MISP_TLP_TAGS[model.tlp]],
      Attribute: uniqueAttributes(eventNotes.map((note) => eventNoteAttribute(ctx, note))),
      Object: [...yaraObjects, ...evidenceObjects, ...fileObjects],
    },
  }
}

interface Context {
  readonly model: ExportModel
  readonly timestamp: string
}

/** An attribute to write into an object: relation, value and an optional comment. */
type Entry = readonly [relation: string, value: string | null | undefined, comment?: string]

function yaraObject(ctx: Context, rule: ExportRule): MispObject {
  const ref = rule.meta.reference
  const entries: Entry[] = [
    ['yara', rule.source],
    ['yara-rule-name', rule.name],
    ['version', MISP_YARA_VERSION],
    ['comment', `${rule.packName} ${rule.packVersion}`],
    ['reference', typeof ref === 'string' && /^https?:\/\//i.test(ref) ? ref : null],
  ]
  const comment = rule.description ?? ''
  return templateObject(ctx, MISP_YARA_TEMPLATE, rule.indicatorUuid, comment, entries)
}

function evidenceObject(ctx: Context, evidence: ExportEvidence): MispObject {
  const uuid = evidenceObjectUuid(evidence.uuid)
  const entries: Entry[] = [
    ['case-number', ctx.model.case.caseNumber ?? ctx.model.case.name],
    ['evidence-number', evidence.label],
    ['name', evidence.fileName],
    ['additional-comments', evidenceDetails(ctx.model, evidence)],
  ]
  return templateObject(ctx, MISP_FORENSIC_EVIDENCE_TEMPLATE, uuid, '', entries)
}

function evidenceDetails(model: ExportModel, evidence: ExportEvidence): string {
  const parts = [`kind: ${evidence.kind}`]
  if (evidence.format !== null) parts.push(`format: ${evidence.format}`)
  if (evidence.sizeBytes !== null) parts.push(`size: ${evidence.sizeBytes} bytes`)
  if (evidence.md5 !== null) parts.push(`MD5: ${evidence.md5}`)
  if (evidence.sha1 !== null) parts.push(`SHA-1: ${evidence.sha1}`)
  if (evidence.sha256 !== null) parts.push(`SHA-256: ${evidence.sha256}`)
  for (const gap of model.coverage.filter((c) => c.evidenceUuid === evidence.uuid))
    parts.push(`not fully scanned (${gap.reason}): ${gap.count}`)
  return parts.join('; ')
}

function fileObject(ctx: Context, finding: ExportFinding): MispObject {
  const uuid = fileObjectUuid(finding.uuid)
  const { file } = finding
  const notes = ctx.model.notes.filter((n) => n.findingUuid === finding.uuid)
  const entries: Entry[] = [
    ['filename', file.unallocated ? null : file.name],
    ['md5', file.md5],
    ['sha1', file.sha1],
    ['sha256', file.sha256],
    ['size-in-bytes', String(file.sizeBytes)],
    ['mimetype', file.mime],
    ['fullpath', file.path],
    ...notes.map((note): Entry => ['text', note.text, noteComment(note)]),
  ]
  const rule = ctx.model.rules.find((r) => r.key === finding.ruleKey)
  const evidence = ctx.model.evidence.find((e) => e.uuid === finding.evidenceUuid)
  const object = templateObject(
    ctx,
    MISP_FILE_TEMPLATE,
    uuid,
    findingComment(ctx, finding),
    entries,
  )
  const dismissed = DISMISSED.has(finding.triageStatus)
  const references = [
    rule && reference(ctx, uuid, 'detected-by', rule.indicatorUuid),
    evidence && reference(ctx, uuid, 'extracted-from', evidenceObjectUuid(evidence.uuid)),
  ].filter((r): r is MispObjectReference => r !== undefined)
  return {
    ...object,
    Attribute: dismissed
      ? object.Attribute.map((a) => ({ ...a, to_ids: false }))
      : object.Attribute,
    ObjectReference: references,
  }
}

/** The MISP `file` object uuid of a finding (see {@link buildMispEvent}). */
export function fileObjectUuid(findingUuid: string): string {
  return uuidV5(`misp-file:${findingUuid}`, OUTPOST_UUID_NAMESPACE)
}

/** The MISP `forensic-evidence` object uuid of an evidence item. */
export function evidenceObjectUuid(evidenceUuid: string): string {
  return uuidV5(`misp-forensic-evidence:${evidenceUuid}`, OUTPOST_UUID_NAMESPACE)
}

function findingComment(ctx: Context, finding: ExportFinding): string {
  const rule = ctx.model.rules.find((r) => r.key === finding.ruleKey)
  const evidence = ctx.model.evidence.find((e) => e.uuid === finding.evidenceUuid)
  const where = finding.file.location === null ? '' : ` (${finding.file.location})`
  const flags = [
    finding.file.deleted ? 'deleted file' : null,
    finding.file.unallocated ? 'unallocated space' : null,
  ].filter((f) => f !== null)
  return (
    `${rule?.name ?? finding.ruleKey} matched in ${evidence?.label ?? finding.evidenceUuid}${where}; ` +
    `finding ${finding.findingId}, triage ${finding.triageStatus}, score ${finding.score}, ` +
    `${finding.matchCount} match(es)${flags.length > 0 ? `; ${flags.join(', ')}` : ''}`
  )
}

function noteComment(note: ExportNote): string {
  return `Analyst note by ${note.author ?? '(withheld)'}, ${note.modified}`
}

function eventNoteAttribute(ctx: Context, note: ExportNote): MispAttribute {
  const uuid = uuidV5(`${ctx.model.bundleId}:comment:${note.text}`, OUTPOST_UUID_NAMESPACE)
  return {
    uuid,
    type: 'comment',
    category: 'Other',
    value: note.text,
    to_ids: false,
    distribution: INHERIT,
    timestamp: ctx.timestamp,
    comment: noteComment(note),
    deleted: false,
    disable_correlation: true,
  }
}

function templateObject(
  ctx: Context,
  template: MispObjectTemplate,
  uuid: string,
  comment: string,
  entries: readonly Entry[],
): MispObject {
  const attributes = entries.flatMap(([relation, value, note]) =>
    value === null || value === undefined || value === ''
      ? []
      : [objectAttribute(ctx, template, uuid, relation, value, note ?? '')],
  )
  return {
    uuid,
    name: template.name,
    'meta-category': template.metaCategory,
    description: template.description,
    template_uuid: template.uuid,
    template_version: String(template.version),
    distribution: INHERIT,
    sharing_group_id: '0',
    timestamp: ctx.timestamp,
    comment,
    deleted: false,
    Attribute: uniqueAttributes(attributes),
    ObjectReference: [],
  }
}

function objectAttribute(
  ctx: Context,
  template: MispObjectTemplate,
  objectUuid: string,
  relation: string,
  value: string,
  comment: string,
): MispAttribute {
  const spec = template.relations[relation]
  if (spec === undefined) throw new Error(`MISP template ${template.name} has no ${relation}`)
  return {
    uuid: uuidV5(`${objectUuid}:${relation}:${value}`, OUTPOST_UUID_NAMESPACE),
    type: spec.type,
    category: spec.category,
    value,
    to_ids: spec.toIds,
    object_relation: relation,
    distribution: INHERIT,
    timestamp: ctx.timestamp,
    comment,
    deleted: false,
    disable_correlation: spec.disableCorrelation,
  }
}

function reference(
  ctx: Context,
  objectUuid: string,
  relationship: string,
  referencedUuid: string,
): MispObjectReference {
  return {
    uuid: uuidV5(`${objectUuid}:${relationship}:${referencedUuid}`, OUTPOST_UUID_NAMESPACE),
    object_uuid: objectUuid,
    referenced_uuid: referencedUuid,
    relationship_type: relationship,
    timestamp: ctx.timestamp,
    comment: '',
    deleted: false,
  }
}

/** Same uuid = same relation and value: keep the first (two identical notes are one). */
function uniqueAttributes(attributes: readonly MispAttribute[]): MispAttribute[] {
  const seen = new Set<string>()
  return attributes.filter((a) => {
    if (seen.has(a.uuid)) return false
    seen.add(a.uuid)
    return true
  })
}

function eventInfo(model: ExportModel): string {
  const labels = model.evidence.map((e) => e.label).join(', ')
  const oneLine = `${model.case.name}: YARA triage of ${labels === '' ? 'no evidence' : labels}`
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .trim()
  if (oneLine.length <= MAX_INFO) return oneLine
  let cut = ''
  for (const char of oneLine) {
    if (cut.length + char.length > MAX_INFO - 1) break
    cut += char
  }
  return `${cut}…`
}

function threatLevel(findings: readonly ExportFinding[]): string {
  const max = findings.reduce((m, f) => Math.max(m, f.score), 0)
  return max >= 80 ? '1' : max >= 60 ? '2' : '3'
}

function unixSeconds(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new TypeError(`buildMispEvent: bad created time ${iso}`)
  return String(Math.floor(ms / 1000))
}
