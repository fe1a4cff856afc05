import type { ExportFinding, ExportModel, ExportNote, ExportRule } from '../export-model'
import { derivedSdoId, sdoId } from './stix-ids'
import type { StixBundle, StixObject } from './stix-objects'
import { toStixTime } from './stix-objects'
import { definedOnly, evidenceObservable, findingDirectory, findingFile } from './stix-observables'
import { markingFor } from './tlp-markings'

/** The YARA language version of every indicator pattern (what yara-x accepts). */
export const YARA_PATTERN_VERSION = '4.5'

/** Rules scoring at least this are `malicious-activity` indicators, the rest `anomalous-activity`. */
export const MALICIOUS_SCORE = 60

/** `source_name` of the external reference naming a rule's pack. */
export const RULE_PACK_SOURCE = 'outpost-rule-pack'

/** STIX `count` and `number_observed` stop here (schema maximum); the real count is kept in x_. */
const MAX_STIX_COUNT = 999_999_999

/** The longest note `abstract` (first line of the text). */
const ABSTRACT_LENGTH = 120

/** What each SDO/SRO shares: spec version, author identity, times and the one marking. */
interface Common {
  readonly identityId: string
  readonly created: string
  readonly markingId: string
}

/** The triage verdicts that become an `opinion` on the sighting. */
const OPINIONS: Partial<Record<ExportFinding['triageStatus'], string>> = {
  confirmed: 'agree',
  benign: 'disagree',
  'false-positive': 'strongly-disagree',
}

/** A timestamp of the model (ISO-8601 UTC) as a STIX timestamp with milliseconds. */
function time(value: string): string {
  const stix = toStixTime(value)
  if (stix === null) throw new Error(`stix: not an ISO-8601 UTC timestamp: ${value}`)
  return stix
}

function sdo(type: string, id: string, c: Common, created = c.created, modified = created) {
  return {
    type,
    spec_version: '2.1',
    id,
    created_by_ref: c.identityId,
    created: time(created),
    modified: time(modified),
  }
}

function indicatorOf(rule: ExportRule, c: Common): StixObject {
  return definedOnly({
    ...sdo('indicator', sdoId('indicator', rule.indicatorUuid), c),
    name: rule.name,
    description: rule.description ?? undefined,
    indicator_types: [rule.score >= MALICIOUS_SCORE ? 'malicious-activity' : 'anomalous-activity'],
    pattern: rule.source,
    pattern_type: 'yara',
    pattern_version: YARA_PATTERN_VERSION,
    valid_from: time(rule.recordedAt),
    external_references: [
      {
        source_name: RULE_PACK_SOURCE,
        description: `${rule.packName} ${rule.packVersion}`,
        external_id: rule.packSha256,
      },
    ],
    object_marking_refs: [c.markingId],
    x_outpost_rule: {
      namespace: rule.namespace,
      rule_id: rule.ruleId,
      pack_name: rule.packName,
      pack_version: rule.packVersion,
      pack_sha256: rule.packSha256,
      author: rule.author,
      score: rule.score,
      tags: rule.tags,
      meta: rule.meta,
    },
  })
}

function findingCustom(finding: ExportFinding) {
  const f = finding.file
  return {
    finding_id: finding.findingId,
    score: finding.score,
    triage_status: finding.triageStatus,
    tlp: finding.tlp,
    evidence_uuid: finding.evidenceUuid,
    path: f.path,
    location: f.location,
    deleted: f.deleted,
    unallocated: f.unallocated,
    match_count: finding.matchCount,
    matches: finding.matches.map((m) => ({
      identifier: m.identifier,
      offset: m.offset,
      length: m.length,
      excerpt_hex: m.excerptHex,
      excerpt_sha256: m.excerptSha256,
      truncated: m.truncated,
    })),
    times: { modified: f.modified, accessed: f.accessed, changed: f.changed, born: f.born },
  }
}

/** The SCOs, observed-data, sighting and optional opinion of one finding. */
function findingObjects(
  finding: ExportFinding,
  evidenceId: string,
  indicatorId: string,
  c: Common,
  examiner: string | null,
): { readonly file: StixObject; readonly objects: readonly StixObject[] } {
  const directory = findingDirectory(finding, c.markingId)
  const file = findingFile(finding, directory.id, c.markingId)
  const seen = time(finding.seenAt)
  const observed: StixObject = {
    ...sdo('observed-data', derivedSdoId('observed-data', finding.uuid), c),
    first_observed: seen,
    last_observed: seen,
    number_observed: 1,
    object_refs: [evidenceId, directory.id, file.id],
    object_marking_refs: [c.markingId],
  }
  const sighting: StixObject = {
    ...sdo('sighting', sdoId('sighting', finding.uuid), c),
    first_seen: seen,
    last_seen: seen,
    count: Math.min(finding.matchCount, MAX_STIX_COUNT),
    sighting_of_ref: indicatorId,
    observed_data_refs: [observed.id],
    where_sighted_refs: [c.identityId],
    object_marking_refs: [c.markingId],
    x_outpost_finding: findingCustom(finding),
  }
  const verdict = OPINIONS[finding.triageStatus]
  const opinion: StixObject[] =
    verdict === undefined
      ? []
      : [
          definedOnly({
            ...sdo('opinion', derivedSdoId('opinion', finding.uuid), c),
            explanation: `Analyst triage: ${finding.triageStatus}`,
            authors: examiner === null ? undefined : [examiner],
            opinion: verdict,
            object_refs: [sighting.id],
            object_marking_refs: [c.markingId],
          }),
        ]
  return { file, objects: [directory, file, observed, sighting, ...opinion] }
}

function noteOf(note: ExportNote, reportId: string, c: Common): StixObject {
  const firstLine = note.text.split(/\r?\n/, 1)[0] ?? ''
  return definedOnly({
    ...sdo('note', sdoId('note', note.uuid), c, note.created, note.modified),
    abstract:
      firstLine.length > ABSTRACT_LENGTH
        ? `${firstLine.slice(0, ABSTRACT_LENGTH - 1)}…`
        : firstLine,
    content: note.text,
    authors: note.author === null ? undefined : [note.author],
    object_refs: [note.findingUuid === null ? reportId : sdoId('sighting', note.findingUuid)],
    object_marking_refs: [c.markingId],
    x_outpost_note: { tlp: note.tlp },
  })
}

function withoutDuplicates(objects: readonly StixObject[]): StixObject[] {
  const seen = new Set<string>()
  return objects.filter((o) => !seen.has(o.id) && seen.add(o.id))
}

function lookup<T>(map: ReadonlyMap<string, T>, key: string, what: string): T {
  const value = map.get(key)
  if (value === undefined) throw new Error(`stix: the export model has no ${what} ${key}`)
  return value
}

/**
 * The STIX 2.1 bundle of an export: one `report` over an `identity`, the TLP marking, an
 * `indicator` per rule, the evidence and file SCOs, and an `observed-data` + `sighting` per
 * finding (with an `opinion` when triaged), plus a `note` per analyst note.
 *
 * Deterministic: ids come from the model's UUIDs (SCOs: §1.4 UUIDv5), times from the model, keys
 * in a fixed order, so the same model gives the same `JSON.stringify` text. Every object but the
 * marking carries the export's TLP marking. Run `checkStixBundle` before writing it.
 *
 * @throws Error when the model is inconsistent (a finding naming a rule or evidence it lacks).
 */
export function buildStixBundle(model: ExportModel): StixBundle {
  const marking = markingFor(model.tlp)
  const identityId = sdoId('identity', model.producer.orgUuid)
  const c: Common = { identityId, created: model.created, markingId: marking.id }
  // The report shares the bundle's UUID, as does the MISP event: misp-stix names the event it
  // makes from the report after the report's UUID, so both imports land on one MISP event.
  const reportId = sdoId('report', model.bundleId)
  const indicators = new Map(model.rules.map((r) => [r.key, indicatorOf(r, c)]))
  const findings = allFindingObjects(model, indicators, c)
  const body = withoutDuplicates([
    identityOf(model, c),
    ...indicators.values(),
    ...model.evidence.map((e) =>
      evidenceObservable(e, findings.hits.get(e.uuid) ?? [], c.markingId),
    ),
    ...findings.objects,
    ...model.notes.map((n) => noteOf(n, reportId, c)),
  ])
  const [first, ...rest] = body
  const markingObject: StixObject = { ...marking }
  return {
    type: 'bundle',
    id: `bundle--${model.bundleId.toLowerCase()}`,
    objects: [
      ...(first === undefined ? [] : [first]),
      markingObject,
      ...rest,
      reportOf(model, reportId, body, c),
    ],
  }
}

/** The objects of every finding, and the hit file ids per evidence uuid (its contains_refs). */
function allFindingObjects(
  model: ExportModel,
  indicators: ReadonlyMap<string, StixObject>,
  c: Common,
): { readonly objects: StixObject[]; readonly hits: ReadonlyMap<string, readonly string[]> } {
  // The evidence SCO ids do not depend on contains_refs, so they are known before the hits.
  const evidenceIds = new Map(
    model.evidence.map((e) => [e.uuid, evidenceObservable(e, [], c.markingId).id]),
  )
  // Sets, not lists: a case has tens of thousands of hits per evidence item.
  const hitSets = new Map<string, Set<string>>()
  const objects = model.findings.flatMap((finding) => {
    const evidenceId = lookup(evidenceIds, finding.evidenceUuid, 'evidence')
    const indicatorId = lookup(indicators, finding.ruleKey, 'rule').id
    const part = findingObjects(finding, evidenceId, indicatorId, c, model.producer.examiner)
    const set = hitSets.get(finding.evidenceUuid) ?? new Set<string>()
    set.add(part.file.id)
    hitSets.set(finding.evidenceUuid, set)
    return part.objects
  })
  const hits = new Map([...hitSets].map(([uuid, set]) => [uuid, [...set]]))
  return { objects, hits }
}

/** The producer's `identity` (an organisation). */
function identityOf(model: ExportModel, c: Common): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: c.identityId,
    created: time(model.created),
    modified: time(model.created),
    name: model.producer.org,
    identity_class: 'organization',
    object_marking_refs: [c.markingId],
  }
}

/** The one `report`, listing every object of `body` (all but the marking). */
function reportOf(
  model: ExportModel,
  reportId: string,
  body: readonly StixObject[],
  c: Common,
): StixObject {
  const labels = model.evidence.map((e) => e.label).join(', ')
  return definedOnly({
    ...sdo('report', reportId, c),
    name:
      labels === ''
        ? `${model.case.name}: YARA triage`
        : `${model.case.name}: YARA triage of ${labels}`,
    description: model.case.description ?? undefined,
    report_types: ['threat-report'],
    published: time(model.created),
    object_refs: body.map((o) => o.id),
    object_marking_refs: [c.markingId],
  })
}
