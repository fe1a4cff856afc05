import { z } from 'zod'
import { AppError } from '../../model/errors'
import { TLP_LEVELS } from '../../model/tlp'
import type { ExportModel } from '../export-model'

/** The `format` of every bundle manifest this code writes and reads. */
export const BUNDLE_FORMAT = 'outpost-bundle/1'

/** What each member of a bundle is for (BUNDLE.md, sharing-formats §6.3). */
export const BUNDLE_ROLES = [
  'readme',
  'key',
  'stix',
  'misp-event',
  'misp-feed-index',
  'rule',
  'table',
  'report',
  'audit',
] as const

/** One of {@link BUNDLE_ROLES}. */
export type BundleRole = (typeof BUNDLE_ROLES)[number]

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/)
const TEXT = z.string().max(4096)
const UUID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)

/** The largest number of members a bundle may list. */
export const MAX_BUNDLE_FILES = 20_000

/**
 * The largest `manifest.json` parsed: 20,000 listed files take ~5 MiB. A member may be up to
 * 512 MiB, and parsing that much JSON would take gigabytes of heap (security-checks D10).
 */
export const MAX_BUNDLE_MANIFEST_BYTES = 16 * 1024 * 1024

const MANIFEST_SCHEMA = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  bundle_id: UUID,
  created: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
  tlp: z.enum(TLP_LEVELS),
  producer: z.strictObject({
    org: TEXT,
    org_uuid: UUID,
    tool: TEXT,
    version: TEXT,
    key_id: z
      .string()
      .regex(/^[0-9A-F]{16}$/)
      .nullable(),
    examiner: TEXT.nullable(),
  }),
  case: z.strictObject({ uuid: UUID, name: TEXT, case_number: TEXT.nullable() }),
  redaction: z.strictObject({
    profile: TEXT,
    rules: z.array(TEXT).max(50),
    replaced: z.record(TEXT, z.int().min(0)),
  }),
  counts: z.strictObject({
    evidence: z.int().min(0),
    rules: z.int().min(0),
    findings: z.int().min(0),
    notes: z.int().min(0),
    withheld_above_tlp: z.int().min(0),
    withheld_notes_above_tlp: z.int().min(0),
    filtered_out: z.int().min(0),
  }),
  audit_head: z.strictObject({ seq: z.int().min(1), hash: SHA256 }).nullable(),
  files: z
    .array(
      z.strictObject({
        path: z.string().min(1).max(1024),
        sha256: SHA256,
        size: z.int().min(0),
        media_type: TEXT,
        role: z.enum(BUNDLE_ROLES),
      }),
    )
    .max(MAX_BUNDLE_FILES),
})

/** A bundle's `manifest.json`. */
export type BundleManifest = z.infer<typeof MANIFEST_SCHEMA>

/** One listed member. */
export type BundleFileEntry = BundleManifest['files'][number]

/** The manifest of a model and its (already written) members. */
export function buildBundleManifest(
  model: ExportModel,
  files: readonly BundleFileEntry[],
): BundleManifest {
  return {
    format: BUNDLE_FORMAT,
    bundle_id: model.bundleId,
    created: model.created,
    tlp: model.tlp,
    producer: {
      org: model.producer.org,
      org_uuid: model.producer.orgUuid,
      tool: model.producer.tool,
      version: model.producer.toolVersion,
      key_id: model.producer.keyId,
      examiner: model.producer.examiner,
    },
    case: { uuid: model.case.uuid, name: model.case.name, case_number: model.case.caseNumber },
    redaction: {
      profile: model.redaction.profile,
      rules: [...model.redaction.rules],
      replaced: { ...model.redaction.replaced },
    },
    counts: {
      evidence: model.evidence.length,
      rules: model.rules.length,
      findings: model.findings.length,
      notes: model.notes.length,
      withheld_above_tlp: model.withheld.findingsAboveTlp,
      withheld_notes_above_tlp: model.withheld.notesAboveTlp,
      filtered_out: model.withheld.findingsFiltered,
    },
    audit_head: model.audit.head,
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  }
}

/**
 * Parse an untrusted `manifest.json` (already hash-checked against the signed SHA256SUMS).
 *
 * @throws AppError `BUNDLE_INVALID` naming the first problem.
 */
export function parseBundleManifest(bytes: Buffer): BundleManifest {
  if (bytes.length > MAX_BUNDLE_MANIFEST_BYTES) {
    throw new AppError(
      'BUNDLE_INVALID',
      `manifest.json is ${bytes.length} bytes; the limit is ${MAX_BUNDLE_MANIFEST_BYTES}.`,
    )
  }
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch (error: unknown) {
    throw new AppError('BUNDLE_INVALID', 'manifest.json is not valid JSON.', { cause: error })
  }
  const parsed = MANIFEST_SCHEMA.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.join('.') ?? ''
    throw new AppError(
      'BUNDLE_INVALID',
      `manifest.json is not an ${BUNDLE_FORMAT} manifest: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}.`,
    )
  }
  return parsed.data
}
