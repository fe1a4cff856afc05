import { z } from 'zod'
import { TLP_LEVELS } from '../model/tlp'
import { FILE_EXTERNALS } from '../engine/yara-engine'
import { AppError } from '../model/errors'
import type { RuleDiagnostic } from '../model/rules'

/** The `format` value of every manifest this code reads and writes. */
export const PACK_FORMAT = 'outpost-pack/1'

/** The largest `pack.json` we read: far above any real pack, far below a memory problem. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024

/** The largest single file a pack may list. */
export const MAX_PACK_FILE_BYTES = 32 * 1024 * 1024

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256')
const SAMPLE_HASH = z
  .string()
  .regex(/^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/, 'an MD5, SHA-1 or SHA-256')
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date')
const IDENTIFIER = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'a YARA identifier')
const VERSION = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/, 'a version like 1.2.0')
const SEQUENCE = z.int().min(1).max(Number.MAX_SAFE_INTEGER)

export { TLP_LEVELS } from '../model/tlp'

/** What a pack publisher says about each rule. */
export const RULE_STATUSES = ['active', 'testing', 'disabled'] as const

const RULE_META = z
  .strictObject({
    author: z.string().min(1).max(500),
    description: z.string().min(1).max(2000),
    reference: z.string().min(1).max(2000).optional(),
    date: DAY,
    modified: DAY.optional(),
    score: z.int().min(0).max(100),
    tags: z.array(z.string().min(1).max(100)).max(100).readonly(),
    hash: z.array(SAMPLE_HASH).max(1000).readonly().optional(),
  })
  .readonly()

const MANIFEST_RULE = z
  .strictObject({
    id: z.string().min(1).max(128).nullable(),
    name: IDENTIFIER,
    file: z.string().min(1).max(512),
    namespace: z.string().regex(/^[A-Za-z0-9_]{1,128}$/, 'a sanitised namespace'),
    logic_hash: SHA256,
    status: z.enum(RULE_STATUSES),
    meta: RULE_META,
  })
  .readonly()

const MANIFEST_FILE = z
  .strictObject({
    path: z.string().min(1).max(512),
    sha256: SHA256,
    size: z.int().min(0).max(MAX_PACK_FILE_BYTES),
  })
  .readonly()

/**
 * The schema of `pack.json` (format `outpost-pack/1`), strict at every level.
 *
 * Strict objects reject unknown keys, `__proto__` included (JSON.parse makes it an own key),
 * so nothing the file says can reach an object prototype. Paths are checked by the loader,
 * which can name the offending file.
 */
export const PACK_MANIFEST_SCHEMA = z
  .strictObject({
    format: z.literal(PACK_FORMAT),
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a lower-case pack name'),
    version: VERSION,
    sequence: SEQUENCE,
    created: z.iso.datetime(),
    publisher: z
      .strictObject({
        name: z.string().min(1).max(200),
        // A minisign key id; null until packs are signed.
        key_id: z
          .string()
          .regex(/^[0-9A-F]{16}$/)
          .nullable(),
      })
      .readonly(),
    tlp: z.enum(TLP_LEVELS),
    license: z.string().min(1).max(200),
    engine: z
      .strictObject({
        min_version: VERSION,
        modules: z.array(IDENTIFIER).max(64).readonly(),
        externals: z.array(z.enum(FILE_EXTERNALS)).max(FILE_EXTERNALS.length).readonly(),
      })
      .readonly(),
    supersedes: z
      .strictObject({ version: VERSION, sequence: SEQUENCE, pack_sha256: SHA256 })
      .readonly()
      .nullable(),
    files: z.array(MANIFEST_FILE).max(10_000).readonly(),
    rules: z.array(MANIFEST_RULE).max(100_000).readonly(),
  })
  .readonly()

/** A validated `pack.json`. */
export type PackManifest = z.infer<typeof PACK_MANIFEST_SCHEMA>

/** One entry of {@link PackManifest.rules}. */
export type ManifestRule = PackManifest['rules'][number]

/** One entry of {@link PackManifest.files}. */
export type ManifestFile = PackManifest['files'][number]

/** The rule meta a manifest carries. */
export type ManifestRuleMeta = ManifestRule['meta']

/**
 * Validate a manifest object against {@link PACK_MANIFEST_SCHEMA}.
 *
 * @throws AppError `RULES_INVALID` listing every schema problem as a diagnostic on `file`.
 */
export function validateManifest(value: unknown, file = 'pack.json'): PackManifest {
  const result = PACK_MANIFEST_SCHEMA.safeParse(value)
  if (result.success) return result.data
  const details: RuleDiagnostic[] = result.error.issues.map((issue) => ({
    severity: 'error',
    file,
    line: null,
    column: null,
    code: 'manifest-schema',
    message: `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  }))
  const first = details[0]?.message ?? 'invalid'
  throw new AppError('RULES_INVALID', `${file} is not a valid ${PACK_FORMAT} manifest: ${first}`, {
    details,
  })
}

/**
 * Parse the bytes of a `pack.json`: size bound, UTF-8, JSON, then the strict schema.
 *
 * @throws AppError `RULES_INVALID` when any step fails.
 */
export function parseManifest(bytes: Buffer, file = 'pack.json'): PackManifest {
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new AppError(
      'RULES_INVALID',
      `${file} is ${bytes.length} bytes; the limit is ${MAX_MANIFEST_BYTES}.`,
    )
  }
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (error: unknown) {
    throw new AppError('RULES_INVALID', `${file} is not valid UTF-8 JSON.`, { cause: error })
  }
  return validateManifest(value, file)
}
