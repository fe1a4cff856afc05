import { canonicalJson } from '../../crypto/canonical-json'
import type { TlpLevel } from '../../model/tlp'
import { scoId } from './stix-ids'
import type { StixObject } from './stix-objects'
import { compareStixTime, isStixTimestamp, SCO_TYPES, TIMESTAMP_PROPERTIES } from './stix-objects'
import {
  HASH_LENGTHS,
  knownProperties,
  refTargetProblem,
  VOCABULARY_PROPERTIES,
  VOCABULARY_VALUE,
} from './stix-vocabulary'
import { markingFor } from './tlp-markings'

const UUID =
  '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}'
const STIX_ID = new RegExp(`^([a-z][a-z0-9-]+[a-z0-9])--${UUID}$`)
const BUNDLE_ID = new RegExp(`^bundle--${UUID}$`)

/** Later-than pairs: [type or '*', earlier property, later property, strictly later]. */
const TIME_ORDER: readonly (readonly [string, string, string, boolean])[] = [
  ['*', 'created', 'modified', false],
  ['indicator', 'valid_from', 'valid_until', true],
  ['observed-data', 'first_observed', 'last_observed', false],
  ['*', 'first_seen', 'last_seen', false],
  ['relationship', 'start_time', 'stop_time', true],
]

/** Options of {@link checkStixBundle}. */
export interface CheckStixOptions {
  /** The TLP every object must be marked with (the export's). */
  readonly expectedTlp: TlpLevel
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Every `*_ref` / `*_refs` value anywhere in `value`, with the property name. */
function collectRefs(value: unknown, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, out))
  if (!isRecord(value)) return out
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('_ref') && typeof v === 'string') out.push([key, v])
    else if (key.endsWith('_refs') && Array.isArray(v))
      v.forEach((r) => typeof r === 'string' && out.push([key, r]))
    else collectRefs(v, out)
  }
  return out
}

/** Every `hashes` dictionary anywhere in `value` (top level, extensions, sections). */
function collectHashes(
  value: unknown,
  out: Record<string, unknown>[] = [],
): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => collectHashes(v, out))
  if (!isRecord(value)) return out
  for (const [key, v] of Object.entries(value)) {
    if (key === 'hashes' && isRecord(v)) out.push(v)
    else collectHashes(v, out)
  }
  return out
}

function checkTimes(o: StixObject, say: (m: string) => void): void {
  for (const key of TIMESTAMP_PROPERTIES) {
    if (o[key] !== undefined && !isStixTimestamp(o[key])) say(`${key} is not a real UTC timestamp`)
  }
  for (const [type, early, late, strict] of TIME_ORDER) {
    const [a, b] = [o[early], o[late]]
    if ((type !== '*' && type !== o.type) || typeof a !== 'string' || typeof b !== 'string')
      continue
    if (!isStixTimestamp(a) || !isStixTimestamp(b)) continue
    const order = compareStixTime(b, a)
    if (order < 0 || (strict && order === 0))
      say(`${late} must be ${strict ? 'after' : 'at or after'} ${early}`)
  }
}

function checkProperties(o: StixObject, say: (m: string) => void): void {
  const known = knownProperties(o.type)
  for (const key of Object.keys(o)) {
    if (known !== null && !known.has(key) && !key.startsWith('x_'))
      say(`custom property ${key} must start with x_`)
  }
  for (const key of VOCABULARY_PROPERTIES) {
    const value = o[key]
    const values: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value]
    for (const v of values) {
      if (typeof v !== 'string' || !VOCABULARY_VALUE.test(v))
        say(`${key} value ${JSON.stringify(v)} is not lowercase-with-hyphens`)
    }
  }
  for (const hashes of collectHashes(o)) {
    for (const [algorithm, digest] of Object.entries(hashes)) {
      const length = HASH_LENGTHS[algorithm]
      if (length === undefined)
        say(`hash key ${algorithm} is not one of MD5, SHA-1, SHA-256, SHA-512`)
      else if (typeof digest !== 'string' || !new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digest))
        say(`${algorithm} is not ${length} hex digits`)
    }
  }
}

function checkIdentity(o: StixObject, say: (m: string) => void): void {
  const match = STIX_ID.exec(o.id)
  if (match?.[1] !== o.type) say(`id must be ${o.type}--<uuid>`)
  if (o.spec_version !== '2.1') say('spec_version must be "2.1"')
  if (!SCO_TYPES.has(o.type)) return
  const expected = scoId(o.type, o)
  if (expected !== null && expected !== o.id) say(`SCO id must be the deterministic ${expected}`)
}

function checkMarkings(o: StixObject, markingId: string, say: (m: string) => void): void {
  if (o.type === 'marking-definition') {
    if (o.object_marking_refs !== undefined) say('a marking-definition must not be marked')
    if (o.id !== markingId) say(`only the export's TLP marking ${markingId} may be in the bundle`)
    return
  }
  const refs = o.object_marking_refs
  if (!Array.isArray(refs) || refs.length !== 1 || refs[0] !== markingId)
    say(`object_marking_refs must be exactly ["${markingId}"]`)
}

function checkRefs(o: StixObject, byId: ReadonlyMap<string, StixObject>, say: (m: string) => void) {
  for (const [property, ref] of collectRefs(o)) {
    const target = byId.get(ref)
    if (target === undefined) {
      say(`${property} ${ref} does not resolve in the bundle`)
      continue
    }
    const problem = refTargetProblem(property, o.type, target.type, (t) => SCO_TYPES.has(t))
    if (problem !== null) say(problem)
  }
}

function checkEnvelope(bundle: unknown): { objects: StixObject[]; problems: string[] } {
  if (!isRecord(bundle)) return { objects: [], problems: ['the bundle is not a JSON object'] }
  const problems: string[] = []
  if (bundle.type !== 'bundle') problems.push('bundle: type must be "bundle"')
  if (typeof bundle.id !== 'string' || !BUNDLE_ID.test(bundle.id))
    problems.push('bundle: id must be bundle--<uuid>')
  if ('spec_version' in bundle) problems.push('bundle: a 2.1 bundle has no spec_version')
  const raw = bundle.objects
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push('bundle: objects must be a non-empty array')
    return { objects: [], problems }
  }
  const objects = raw.filter((o, i): o is StixObject => {
    const ok = isRecord(o) && typeof o.type === 'string' && typeof o.id === 'string'
    if (!ok) problems.push(`objects[${i}]: not an object with a string type and id`)
    return ok
  })
  return { objects, problems }
}

function checkReport(objects: readonly StixObject[], problems: string[]): void {
  const reports = objects.filter((o) => o.type === 'report')
  if (reports.length !== 1)
    problems.push(`bundle: must hold exactly one report, not ${reports.length}`)
  if (objects.some((o) => o.type === 'grouping')) problems.push('bundle: must not hold a grouping')
  const report = reports[0]
  if (report === undefined || !Array.isArray(report.object_refs)) return
  const listed = new Set(report.object_refs)
  for (const o of objects) {
    if (o !== report && o.type !== 'marking-definition' && !listed.has(o.id))
      problems.push(`${report.id}: object_refs must list ${o.id}`)
  }
}

/**
 * The MUST-level problems of an export bundle that the OASIS JSON schemas miss (§2.4), as
 * readable lines; an empty list means the bundle may be written.
 *
 * Checks the envelope, exactly one `report` listing every object and no `grouping`, unique ids
 * of the right form, every `*_ref(s)` resolving in the bundle to an allowed type, real timestamps
 * in order (`modified >= created`, `last_seen >= first_seen`, …), exactly the expected TLP
 * marking on every object (and that marking, official, in the bundle), hash keys and lengths,
 * recomputed SCO ids, the `x_` prefix of custom properties and lowercase-hyphen vocabularies.
 * Schema validation (ajv) and YARA compilation ({@link checkYaraPatterns}) are separate.
 */
export function checkStixBundle(bundle: unknown, options: CheckStixOptions): string[] {
  const { objects, problems } = checkEnvelope(bundle)
  if (objects.length === 0) return problems
  const marking = markingFor(options.expectedTlp)
  const byId = new Map<string, StixObject>()
  for (const o of objects) {
    if (byId.has(o.id)) problems.push(`${o.id}: duplicate id`)
    byId.set(o.id, o)
  }
  const official = byId.get(marking.id)
  if (official === undefined) problems.push(`bundle: the TLP marking ${marking.id} is missing`)
  else if (canonicalJson(official) !== canonicalJson(marking))
    problems.push(`${marking.id}: differs from the official ${marking.name} object`)
  checkReport(objects, problems)
  for (const o of objects) {
    const say = (message: string): void => void problems.push(`${o.id}: ${message}`)
    checkIdentity(o, say)
    checkMarkings(o, marking.id, say)
    checkRefs(o, byId, say)
    checkTimes(o, say)
    checkProperties(o, say)
  }
  return problems
}

/**
 * The compile errors of every YARA indicator pattern, each compiled on its own, as
 * `<indicator id>: <error>` lines.
 *
 * `compile` returns the errors of one source (the export pipeline builds it on yara-x's
 * `validateSource`); a pattern that needs anything outside itself fails here, as it would at
 * the partner's.
 */
export function checkYaraPatterns(
  bundle: { readonly objects: readonly StixObject[] },
  compile: (source: string) => readonly string[],
): string[] {
  return bundle.objects
    .filter((o) => o.type === 'indicator' && o.pattern_type === 'yara')
    .flatMap((o) =>
      typeof o.pattern === 'string'
        ? compile(o.pattern).map((e) => `${o.id}: ${e}`)
        : [`${o.id}: pattern is not a string`],
    )
}
