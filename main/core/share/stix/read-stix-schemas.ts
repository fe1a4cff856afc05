import { z } from 'zod'
import { AppError } from '../../model/errors'
import { jsonProblem } from '../safe-json'
import { TLP_LEVELS } from '../../model/tlp'
import { isStixTimestamp } from './stix-objects'

/** Most objects one partner bundle may hold. */
export const MAX_STIX_OBJECTS = 1_000_000

/** Longest string (value or key) accepted anywhere in a partner bundle, in UTF-16 code units. */
export const MAX_STIX_STRING_CHARS = 1024 * 1024

/** Deepest nesting accepted (STIX needs well under 16 levels). */
const MAX_DEPTH = 64

/** Most JSON values (objects, arrays, scalars) in one bundle: 1 Mi objects of ~60 values each. */
const MAX_VALUES = 64 * MAX_STIX_OBJECTS

function invalid(message: string): AppError {
  return new AppError('BUNDLE_INVALID', `The STIX bundle is not valid: ${message}`)
}

/**
 * Refuse a parsed JSON value that is too deep, too large, holds an over-long string or a
 * prototype key, before any schema looks at it (see {@link jsonProblem}).
 *
 * @throws AppError `BUNDLE_INVALID` naming the first problem.
 */
export function assertSafeJson(root: unknown): void {
  const problem = jsonProblem(root, {
    maxDepth: MAX_DEPTH,
    maxValues: MAX_VALUES,
    maxStringChars: MAX_STIX_STRING_CHARS,
  })
  if (problem !== null) throw invalid(problem)
}

/**
 * Parse `value` with `schema`, or throw `BUNDLE_INVALID` naming `where` and the first issue.
 *
 * @throws AppError `BUNDLE_INVALID`.
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue === undefined ? '' : issue.path.map(String).join('.')
  throw invalid(`${where}${path === '' ? '' : `.${path}`}: ${issue?.message ?? 'invalid'}`)
}

const TS = z.string().refine(isStixTimestamp, 'a STIX timestamp (UTC, Z)')
const ID = z.string().regex(/^[a-z][a-z0-9-]*--[0-9a-fA-F-]{36}$/, 'a STIX id')
const IDS = z.array(ID).max(MAX_STIX_OBJECTS)
const TEXT = z.string()
const TLP = z.enum(TLP_LEVELS)
const COUNT = z.int().min(0).max(Number.MAX_SAFE_INTEGER)

/** The envelope: type, id and objects with a string type and id each. */
export const ENVELOPE = z.looseObject({
  type: z.literal('bundle'),
  id: z.string().regex(/^bundle--[0-9a-fA-F-]{36}$/, 'bundle--<uuid>'),
  objects: z
    .array(z.looseObject({ type: z.string().min(1).max(250), id: ID }))
    .max(MAX_STIX_OBJECTS),
})

/** `x_outpost_evidence` on an evidence SCO (strict: our own property). */
const OUTPOST_EVIDENCE = z.strictObject({
  uuid: TEXT,
  label: TEXT,
  kind: z.enum(['folder', 'file']),
  format: TEXT.nullable(),
  file_name: TEXT.nullable(),
  size_bytes: COUNT.nullable(),
})

const HASHES = z.record(z.string().max(250), z.string())

/** A `file` SCO, as far as the reader uses it. */
export const FILE_SCO = z.looseObject({
  name: TEXT.optional(),
  size: COUNT.optional(),
  hashes: HASHES.optional(),
  mime_type: TEXT.optional(),
  parent_directory_ref: ID.optional(),
  contains_refs: IDS.optional(),
  ctime: TS.optional(),
  mtime: TS.optional(),
  atime: TS.optional(),
  x_outpost_evidence: OUTPOST_EVIDENCE.optional(),
})

/** A `directory` SCO. */
export const DIRECTORY_SCO = z.looseObject({
  path: TEXT,
  contains_refs: IDS.optional(),
  x_outpost_evidence: OUTPOST_EVIDENCE.optional(),
})

/** `x_outpost_rule` on an indicator. */
const OUTPOST_RULE = z.strictObject({
  namespace: TEXT,
  rule_id: TEXT.nullable(),
  pack_name: TEXT,
  pack_version: TEXT,
  pack_sha256: TEXT,
  author: TEXT.nullable(),
  score: z.number(),
  tags: z.array(TEXT).max(10_000),
  meta: z.record(TEXT, z.union([TEXT, z.number(), z.boolean()])),
})

/** An `indicator`. */
export const INDICATOR = z.looseObject({
  name: TEXT.optional(),
  description: TEXT.optional(),
  pattern: TEXT,
  pattern_type: TEXT,
  valid_from: TS,
  x_outpost_rule: OUTPOST_RULE.optional(),
})

const OUTPOST_MATCH = z.strictObject({
  identifier: TEXT,
  offset: COUNT,
  length: COUNT,
  excerpt_hex: TEXT.nullable(),
  excerpt_sha256: TEXT,
  truncated: z.boolean(),
})

/** `x_outpost_finding` on a sighting. */
const OUTPOST_FINDING = z.strictObject({
  finding_id: COUNT,
  score: z.number(),
  triage_status: z.enum(['new', 'needs-review', 'confirmed', 'false-positive', 'benign']),
  tlp: TLP,
  evidence_uuid: TEXT,
  path: TEXT,
  location: TEXT.nullable(),
  deleted: z.boolean(),
  unallocated: z.boolean(),
  match_count: COUNT,
  matches: z.array(OUTPOST_MATCH).max(MAX_STIX_OBJECTS),
  times: z.strictObject({
    modified: TEXT.nullable(),
    accessed: TEXT.nullable(),
    changed: TEXT.nullable(),
    born: TEXT.nullable(),
  }),
})

/** A `sighting`. */
export const SIGHTING = z.looseObject({
  created: TS,
  sighting_of_ref: ID,
  observed_data_refs: IDS.optional(),
  first_seen: TS.optional(),
  count: COUNT.optional(),
  object_marking_refs: IDS.optional(),
  x_outpost_finding: OUTPOST_FINDING.optional(),
})

/** An `observed-data` (2.1 style, `object_refs`). */
export const OBSERVED_DATA = z.looseObject({
  first_observed: TS,
  object_refs: IDS.optional(),
})

/** A `note`. */
export const NOTE = z.looseObject({
  created: TS,
  modified: TS,
  content: TEXT,
  authors: z.array(TEXT).max(1000).optional(),
  object_refs: IDS,
  object_marking_refs: IDS.optional(),
  x_outpost_note: z.strictObject({ tlp: TLP }).optional(),
})

/** An `opinion`. */
export const OPINION = z.looseObject({
  opinion: z.enum(['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree']),
  object_refs: IDS,
})

/** A `report`. */
export const REPORT = z.looseObject({
  created: TS,
  name: TEXT,
  created_by_ref: ID.optional(),
  object_marking_refs: IDS.optional(),
})

/** An `identity`. */
export const IDENTITY = z.looseObject({ name: TEXT })

/** A `marking-definition` that may carry the TLP 2.0 extension. */
export const MARKING = z.looseObject({
  extensions: z.record(z.string(), z.looseObject({ tlp_2_0: z.string().optional() })).optional(),
})
