import { z } from 'zod'
import { AppError } from '../model/errors'
import { jsonProblem } from '../share/safe-json'

/**
 * A pack's false-positive suppressions: `suppressions.json`, a file of the pack listed in
 * `files[]` like any other, so the pack signature covers it. A publisher ships them so every
 * analyst who imports the pack stops seeing hits it already knows are benign.
 */
export const SUPPRESSIONS_FILE = 'suppressions.json'

/** The `format` value of every suppressions file this code reads and writes. */
export const SUPPRESSIONS_FORMAT = 'outpost-suppressions/1'

/** The most entries one file may hold. */
export const MAX_SUPPRESSIONS = 100_000

/** The largest `suppressions.json` we read. */
export const MAX_SUPPRESSIONS_BYTES = 16 * 1024 * 1024

/** The longest reason, in UTF-16 code units. */
export const MAX_SUPPRESSION_REASON = 2000

/** One suppressed (rule, file content) pair. */
export interface PackSuppression {
  /** What `ruleKey()` returns for the rule: `id:<id>` or `name:<namespace>:<name>`. */
  readonly ruleKey: string
  /** SHA-256 of the file content the rule wrongly matches, lower-case hex. */
  readonly sha256: string
  readonly reason: string
}

// `id:` + a manifest id (1–128 chars, no control characters), or `name:` + a sanitised
// namespace + a YARA identifier, exactly as ruleKey() builds them.
const RULE_KEY = z
  .string()
  .regex(
    /^(?:id:[^\p{Cc}]{1,128}|name:[A-Za-z0-9_]{1,128}:[A-Za-z_][A-Za-z0-9_]{0,127})$/u,
    'a rule key like "id:OUTPOST-2026-0001" or "name:<namespace>:<rule>"',
  )

const ENTRY = z.strictObject({
  rule_key: RULE_KEY,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256'),
  reason: z.string().max(MAX_SUPPRESSION_REASON),
})

const FILE_SCHEMA = z.strictObject({
  format: z.literal(SUPPRESSIONS_FORMAT),
  suppressions: z.array(ENTRY).max(MAX_SUPPRESSIONS),
})

/**
 * Parse the bytes of a `suppressions.json`: size bound, UTF-8, JSON, a prototype-safe walk,
 * the strict schema, then order and uniqueness (a canonical file has one way to be written,
 * so two publishers' identical lists hash the same).
 *
 * @throws AppError `RULES_INVALID` saying what is wrong and where.
 */
export function parseSuppressionsFile(
  bytes: Uint8Array,
  file = SUPPRESSIONS_FILE,
): PackSuppression[] {
  if (bytes.length > MAX_SUPPRESSIONS_BYTES) {
    throw invalid(file, `it is ${bytes.length} bytes; the limit is ${MAX_SUPPRESSIONS_BYTES}`)
  }
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (error: unknown) {
    throw new AppError('RULES_INVALID', `${file} is not valid UTF-8 JSON.`, { cause: error })
  }
  const problem = jsonProblem(value, {
    maxDepth: 4,
    maxValues: 2 + MAX_SUPPRESSIONS * 4 + 2,
    maxStringChars: MAX_SUPPRESSION_REASON,
  })
  if (problem !== null) throw invalid(file, problem)
  const result = FILE_SCHEMA.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue === undefined ? '' : issue.path.map(String).join('.') || '(root)'
    throw invalid(file, `${where}: ${issue?.message ?? 'invalid'}`)
  }
  const list = result.data.suppressions.map((entry) => ({
    ruleKey: entry.rule_key,
    sha256: entry.sha256,
    reason: entry.reason,
  }))
  list.forEach((entry, i) => {
    const before = i === 0 ? undefined : list[i - 1]
    if (before === undefined) return
    const order = compareSuppressions(before, entry)
    if (order === 0) {
      throw invalid(file, `suppressions.${i} repeats ${entry.ruleKey} ${entry.sha256}`)
    }
    if (order > 0) {
      throw invalid(file, `suppressions.${i} is out of order (sort by rule_key, then sha256)`)
    }
  })
  return list
}

/**
 * The canonical text of a suppressions file: entries sorted by rule key then SHA-256, two-space
 * indented JSON, a trailing newline. The same list always gives the same bytes.
 *
 * @throws AppError `RULES_INVALID` when an entry is malformed or a pair is repeated.
 */
export function serialiseSuppressions(list: readonly PackSuppression[]): string {
  const sorted = [...list].sort(compareSuppressions)
  const text =
    JSON.stringify(
      {
        format: SUPPRESSIONS_FORMAT,
        suppressions: sorted.map((s) => ({
          rule_key: s.ruleKey,
          sha256: s.sha256,
          reason: s.reason,
        })),
      },
      null,
      2,
    ) + '\n'
  // Round-trip through the parser so we never write a file we would refuse to read.
  parseSuppressionsFile(Buffer.from(text, 'utf8'))
  return text
}

/** Order by rule key, then SHA-256, by code unit (locale-independent, so deterministic). */
function compareSuppressions(a: PackSuppression, b: PackSuppression): number {
  if (a.ruleKey !== b.ruleKey) return a.ruleKey < b.ruleKey ? -1 : 1
  if (a.sha256 !== b.sha256) return a.sha256 < b.sha256 ? -1 : 1
  return 0
}

function invalid(file: string, problem: string): AppError {
  return new AppError('RULES_INVALID', `${file} is not a valid suppressions file: ${problem}.`)
}
