import { AppError } from '../model/errors'
import type { RuleDiagnostic } from '../model/rules'
import type { PackRule } from './loaded-pack'
import { RULE_STATUSES } from './pack-manifest'
import { metaRecord } from './yara-meta'
import type { MetaValue } from './yara-meta'
import { parseYaraSource } from './yara-source-parser'
import type { ParsedRule } from './yara-source-parser'

/** The score of a rule with no usable `score` meta (YARA style guide: "noteworthy"). */
export const DEFAULT_SCORE = 50

/** A rule source file's text and its path inside the pack. */
export interface RuleFileText {
  readonly path: string
  readonly text: string
}

/** A parsed rule and the pack file it came from. */
export interface LocatedRule {
  readonly file: string
  readonly rule: ParsedRule
}

/**
 * Parse every rule file of a pack and check the rules can live in one namespace.
 *
 * @throws AppError `RULES_INVALID` with all diagnostics when a file has syntax errors or an
 *   `include`, or when two rules share a name (yara-x would refuse the namespace anyway, but
 *   this names both places).
 */
export function parseRuleFiles(files: readonly RuleFileText[]): LocatedRule[] {
  const located: LocatedRule[] = []
  const diagnostics: RuleDiagnostic[] = []
  const seen = new Map<string, string>()
  for (const file of files) {
    const parsed = parseYaraSource(file.text, file.path)
    diagnostics.push(...parsed.diagnostics)
    for (const rule of parsed.rules) {
      const where = `${file.path}:${rule.startLine}`
      const earlier = seen.get(rule.name)
      if (earlier !== undefined) {
        const message = `rule ${rule.name} is defined twice (first at ${earlier})`
        diagnostics.push(ruleDiagnostic(file.path, rule.startLine, 'duplicate-rule', message))
      }
      seen.set(rule.name, where)
      located.push({ file: file.path, rule })
    }
  }
  if (diagnostics.length > 0) {
    const first = diagnostics[0]
    const at = first ? `${first.file}:${first.line ?? 0}: ${first.message}` : ''
    throw new AppError('RULES_INVALID', `${diagnostics.length} rule error(s); first: ${at}`, {
      details: diagnostics,
    })
  }
  return located
}

/** A diagnostic located at a rule. */
export function ruleDiagnostic(
  file: string,
  line: number | null,
  code: string,
  message: string,
): RuleDiagnostic {
  return { severity: 'error', file, line, column: null, code, message }
}

function lastMeta(rule: ParsedRule, key: string): MetaValue | undefined {
  return rule.meta.findLast((entry) => entry.key === key)?.value
}

/**
 * The rule's score: its `score` meta as an integer clamped to 0–100, or {@link DEFAULT_SCORE}.
 *
 * A string of digits counts (some authors quote numbers); anything else is ignored rather
 * than guessed at.
 */
export function ruleScore(rule: ParsedRule): number {
  const raw = lastMeta(rule, 'score')
  const value = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : raw
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_SCORE
  return Math.min(100, Math.max(0, Math.round(value)))
}

/**
 * The rule's tags: its declared tags, then any in a `tags` meta string (comma or space
 * separated, YARA-Forge style), without duplicates.
 */
export function ruleTags(rule: ParsedRule): string[] {
  const fromMeta = rule.meta
    .filter((entry) => entry.key === 'tags' && typeof entry.value === 'string')
    .flatMap((entry) => String(entry.value).split(/[,\s]+/))
  return [...new Set([...rule.tags, ...fromMeta].filter((tag) => tag !== ''))]
}

/** The rule's stable id: its `id` meta when it is a non-empty string, else null. */
export function ruleId(rule: ParsedRule): string | null {
  const id = lastMeta(rule, 'id')
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : null
}

/** The rule's status from its `status` meta; rules without one are active. */
export function ruleStatus(rule: ParsedRule): PackRule['status'] {
  const status = lastMeta(rule, 'status')
  return RULE_STATUSES.find((known) => known === status) ?? 'active'
}

/**
 * A {@link PackRule} from the source alone (local packs, and the manifest builder).
 *
 * `source` is the rule's self-contained text (`selfContainedSources`).
 */
export function packRuleFromSource(
  located: LocatedRule,
  namespace: string,
  source: string,
): PackRule {
  const { rule, file } = located
  return {
    id: ruleId(rule),
    name: rule.name,
    namespace,
    file,
    logicHash: rule.logicHash,
    status: ruleStatus(rule),
    score: ruleScore(rule),
    tags: ruleTags(rule),
    meta: metaRecord(rule.meta),
    source,
  }
}
