import { z } from 'zod'
import { AppError } from '../../model/errors'
import { jsonProblem } from '../safe-json'
import { tlpMax, type TlpLevel } from '../../model/tlp'
import { tlpOfMispTag } from './misp-templates'

/** Most attributes one partner event may carry (event level and inside objects together). */
export const MAX_MISP_ATTRIBUTES = 1_000_000

/** Longest attribute value or comment, in UTF-16 code units (1 Mi). */
export const MAX_MISP_VALUE_CHARS = 1024 * 1024

/** How many "other" attributes the reader keeps for display; the rest are only counted. */
export const MAX_DISPLAY_ATTRIBUTES = 10_000

/** Deepest nesting accepted before validation (a MISP event needs well under 16 levels). */
const MAX_DEPTH = 64

/** A partner's YARA rule, as shared in a `yara` object or attribute. */
export interface PartnerYaraRule {
  readonly name: string
  readonly source: string
  /** The object's uuid (or the attribute's, for an event-level `yara` attribute). */
  readonly uuid: string
}

/** A file indicator: a `file` object, or one hash/filename attribute. */
export interface PartnerFileIndicator {
  readonly uuid: string
  readonly filename?: string
  readonly md5?: string
  readonly sha1?: string
  readonly sha256?: string
  readonly size?: number
}

/** Any other attribute, kept for display. */
export interface PartnerAttribute {
  readonly type: string
  readonly category: string
  readonly value: string
}

/** What Outpost takes from a partner's MISP event: read-only, for display and merging. */
export interface PartnerMisp {
  readonly uuid: string
  readonly info: string
  readonly org: { readonly name: string; readonly uuid: string }
  readonly date: string
  /** The most restrictive `tlp:` tag on the event (legacy white reads as clear); null if none. */
  readonly tlp: TlpLevel | null
  readonly yaraRules: readonly PartnerYaraRule[]
  readonly fileIndicators: readonly PartnerFileIndicator[]
  /** The other attributes, at most {@link MAX_DISPLAY_ATTRIBUTES}. */
  readonly attributes: readonly PartnerAttribute[]
  /** How many other attributes there were in all. */
  readonly otherAttributeCount: number
}

const UUID = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID')
  .transform((u) => u.toLowerCase())
const SHORT = z.string().max(1024)
const LONG = z.string().max(MAX_MISP_VALUE_CHARS)

/** Fields attributes and objects share: checked for type even where unused. */
const COMMON = {
  uuid: UUID,
  timestamp: SHORT.optional(),
  distribution: SHORT.optional(),
  comment: LONG.optional(),
  deleted: z.boolean().optional(),
}

const ATTRIBUTE = z.object({
  ...COMMON,
  type: z.string().min(1).max(128),
  category: SHORT.optional(),
  value: LONG,
  to_ids: z.boolean().optional(),
  object_relation: SHORT.nullable().optional(),
})
type Attribute = z.infer<typeof ATTRIBUTE>

const OBJECT = z.object({
  ...COMMON,
  name: z.string().min(1).max(256),
  template_uuid: SHORT.optional(),
  template_version: SHORT.optional(),
  Attribute: z.array(ATTRIBUTE).max(MAX_MISP_ATTRIBUTES).optional(),
  ObjectReference: z
    .array(z.object({ referenced_uuid: SHORT.optional(), relationship_type: SHORT.optional() }))
    .max(MAX_MISP_ATTRIBUTES)
    .optional(),
})

const EVENT = z.object({
  Event: z.object({
    uuid: UUID,
    info: z.string().max(65_536),
    date: SHORT.optional(),
    timestamp: SHORT.optional(),
    publish_timestamp: SHORT.optional(),
    distribution: SHORT.optional(),
    threat_level_id: SHORT.optional(),
    analysis: SHORT.optional(),
    published: z.boolean().optional(),
    Orgc: z.object({ name: SHORT.optional(), uuid: UUID }),
    Tag: z
      .array(z.object({ name: SHORT }))
      .max(10_000)
      .optional(),
    Attribute: z.array(ATTRIBUTE).max(MAX_MISP_ATTRIBUTES).optional(),
    Object: z.array(OBJECT).max(MAX_MISP_ATTRIBUTES).optional(),
  }),
})
type EventJson = z.infer<typeof EVENT>['Event']
type ObjectJson = z.infer<typeof OBJECT>

/**
 * Read a partner's MISP core-format event (`{"Event": …}`, text or parsed JSON): untrusted input.
 *
 * Rejects prototype keys (`__proto__`, `constructor`, `prototype`) anywhere and deep nesting
 * before validating; then validates the fields it uses with strict types (numbers where MISP
 * says strings are refused), caps the attribute count ({@link MAX_MISP_ATTRIBUTES}) and value
 * size ({@link MAX_MISP_VALUE_CHARS}). YARA rules come from `yara` objects and `yara`
 * attributes; file indicators from `file` objects and hash/filename attributes (also
 * `filename|<hash>`). Deleted attributes and objects are skipped.
 *
 * @throws AppError `BUNDLE_INVALID` with a message naming the first problem and where it is.
 */
export function readMispEvent(json: unknown): PartnerMisp {
  const value = typeof json === 'string' ? parseJson(json) : json
  checkAttributeCount(value)
  rejectHostileShape(value)
  const parsed = EVENT.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue === undefined ? '' : `${issue.path.map(String).join('.')}: `
    throw invalid(`${where}${issue?.message ?? 'invalid'}`, parsed.error)
  }
  return collect(parsed.data.Event)
}

/** Counted on the raw value, so an oversized event is refused before anything walks it. */
function checkAttributeCount(value: unknown): void {
  const event = ownField(value, 'Event')
  const objects = ownField(event, 'Object')
  let total = lengthOf(ownField(event, 'Attribute'))
  if (Array.isArray(objects))
    for (const object of objects as unknown[]) total += lengthOf(ownField(object, 'Attribute'))
  if (total > MAX_MISP_ATTRIBUTES)
    throw invalid(`${total} attributes, more than the ${MAX_MISP_ATTRIBUTES} allowed`)
}

function ownField(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0
}

function invalid(detail: string, cause?: unknown): AppError {
  return new AppError('BUNDLE_INVALID', `The partner's MISP event is not valid: ${detail}.`, {
    cause,
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error: unknown) {
    throw invalid('it is not JSON', error)
  }
}

/** Walks the value without recursion: prototype keys, non-JSON objects and deep nesting are refused. */
function rejectHostileShape(root: unknown): void {
  const problem = jsonProblem(root, {
    maxDepth: MAX_DEPTH,
    maxValues: 64 * MAX_MISP_ATTRIBUTES,
    maxStringChars: MAX_MISP_VALUE_CHARS,
  })
  if (problem !== null) throw invalid(problem)
}

interface Collected {
  readonly yaraRules: PartnerYaraRule[]
  readonly fileIndicators: PartnerFileIndicator[]
  readonly attributes: PartnerAttribute[]
  otherAttributeCount: number
}

function collect(event: EventJson): PartnerMisp {
  const out: Collected = {
    yaraRules: [],
    fileIndicators: [],
    attributes: [],
    otherAttributeCount: 0,
  }
  for (const attribute of live(event.Attribute)) readLooseAttribute(out, attribute)
  for (const object of live(event.Object)) {
    if (object.name === 'yara') readYaraObject(out, object)
    else if (object.name === 'file') readFileObject(out, object)
    else for (const attribute of live(object.Attribute)) keepOther(out, attribute)
  }
  const [first, ...rest] = (event.Tag ?? []).flatMap((t) => tlpOfMispTag(t.name) ?? [])
  return {
    uuid: event.uuid,
    info: event.info,
    org: { name: event.Orgc.name ?? '', uuid: event.Orgc.uuid },
    date: event.date ?? '',
    tlp: first === undefined ? null : tlpMax(first, ...rest),
    ...out,
  }
}

function live<T extends { readonly deleted?: boolean | undefined }>(items?: readonly T[]): T[] {
  return (items ?? []).filter((item) => item.deleted !== true)
}

function keepOther(out: Collected, { type, category, value }: Attribute): void {
  out.otherAttributeCount += 1
  if (out.attributes.length < MAX_DISPLAY_ATTRIBUTES)
    out.attributes.push({ type, category: category ?? '', value })
}

const HASH_LENGTHS: Readonly<Record<string, number>> = { md5: 32, sha1: 40, sha256: 64 }

/** The lower-case hex of a well-formed hash of `type`, else null (not a hash type, or malformed). */
function hashOf(type: string, value: string | undefined): string | null {
  const length = Object.hasOwn(HASH_LENGTHS, type) ? HASH_LENGTHS[type] : undefined
  const hex = value?.trim().toLowerCase() ?? ''
  return length !== undefined && new RegExp(`^[0-9a-f]{${length}}$`).test(hex) ? hex : null
}

function readLooseAttribute(out: Collected, a: Attribute): void {
  if (a.type === 'yara' && a.value.trim() !== '') {
    out.yaraRules.push({ name: yaraRuleName(a.value), source: a.value, uuid: a.uuid })
    return
  }
  if (a.type === 'filename' && a.value !== '') {
    out.fileIndicators.push({ uuid: a.uuid, filename: a.value })
    return
  }
  const composite = /^filename\|(md5|sha1|sha256)$/.exec(a.type)?.[1]
  const bar = composite === undefined ? -1 : a.value.indexOf('|')
  const hashType = composite ?? a.type
  const hash = hashOf(hashType, a.value.slice(bar + 1))
  if (hash !== null && (composite === undefined || bar > 0)) {
    const filename = bar > 0 ? { filename: a.value.slice(0, bar) } : {}
    out.fileIndicators.push({ uuid: a.uuid, ...filename, [hashType]: hash })
    return
  }
  keepOther(out, a)
}

function firstValue(object: ObjectJson, relation: string): string | undefined {
  return live(object.Attribute).find((a) => a.object_relation === relation)?.value
}

function readYaraObject(out: Collected, object: ObjectJson): void {
  const source = firstValue(object, 'yara')
  if (source === undefined || source.trim() === '') {
    for (const attribute of live(object.Attribute)) keepOther(out, attribute)
    return
  }
  const name = firstValue(object, 'yara-rule-name') ?? yaraRuleName(source)
  out.yaraRules.push({ name, source, uuid: object.uuid })
}

const FILE_RELATIONS = new Set(['filename', 'md5', 'sha1', 'sha256', 'size-in-bytes'])

function readFileObject(out: Collected, object: ObjectJson): void {
  const filename = firstValue(object, 'filename')
  const [md5, sha1, sha256] = (['md5', 'sha1', 'sha256'] as const).map((t) =>
    hashOf(t, firstValue(object, t)),
  )
  const size = Number(firstValue(object, 'size-in-bytes') ?? Number.NaN)
  const indicator: PartnerFileIndicator = {
    uuid: object.uuid,
    ...(filename ? { filename } : {}),
    ...(md5 ? { md5 } : {}),
    ...(sha1 ? { sha1 } : {}),
    ...(sha256 ? { sha256 } : {}),
    ...(Number.isSafeInteger(size) && size >= 0 ? { size } : {}),
  }
  for (const attribute of live(object.Attribute))
    if (!FILE_RELATIONS.has(attribute.object_relation ?? '')) keepOther(out, attribute)
  if (Object.keys(indicator).length > 1) out.fileIndicators.push(indicator)
}

/** The rule a source is about: its last non-private rule (helpers come first), else the first. */
function yaraRuleName(source: string): string {
  const rules = [...source.matchAll(/^\s*((?:(?:private|global)\s+)*)rule\s+([A-Za-z_]\w*)/gm)]
  const main = rules.filter((m) => !(m[1] ?? '').includes('private')).at(-1) ?? rules[0]
  return main?.[2] ?? ''
}
