import type { RuleDiagnostic } from '../model/rules'
import type { ParsedPattern } from '../rules/yara-patterns'
import type { ParsedRule } from '../rules/yara-source-parser'
import { parseYaraSource } from '../rules/yara-source-parser'
import { bytesAsRegex, decodeTextLiteral } from './text-literal'

/** A rule source to compile (the engine module's input). */
interface Source {
  readonly namespace: string
  readonly source: string
  readonly displayName: string
}

/**
 * How a rule set is compiled around yara-x 1.20's shared-pattern bugs.
 *
 * The yara-x inside the 0.7.2 binding merges identical *text* patterns of different rules; when
 * one of those rules evaluates false, the others lose the pattern's matches (VirusTotal/yara-x
 * #762: missed detections; #771: false ones). Hex and regex patterns are not affected, so every
 * repeat of a text pattern after its first rule is compiled as the equivalent regular
 * expression (same bytes, same modifiers, same offsets). `xor` and `base64` have no regex form:
 * a rule holding such a repeat is compiled in a separate rule set ("group") instead.
 */
export interface WorkaroundPlan {
  /** Sources per compiled rule set; group 0 holds all but the isolated rules. */
  readonly groups: readonly (readonly Source[])[]
  /** Text-pattern repeats compiled as regular expressions. */
  readonly rewritten: number
  /** `namespace:rule` of rules compiled apart. */
  readonly isolated: readonly string[]
  /** Where neither was possible (the rule is global or tied to other rules). */
  readonly residual: readonly RuleDiagnostic[]
}

interface RuleRef {
  readonly sourceIndex: number
  readonly rule: ParsedRule
}

const UNREWRITABLE = /^(xor|base64|base64wide)\b/

/** Plan the compile of `sources` so no two rules in one rule set share a text pattern. */
export function planSharedPatternWorkaround(sources: readonly Source[]): WorkaroundPlan {
  const parsed = sources.map((s) => parseYaraSource(s.source, s.displayName))
  const owners = new Map<string, RuleRef>()
  const edits = sources.map(() => [] as { start: number; end: number; text: string }[])
  const isolate: RuleRef[] = []
  const residual: RuleDiagnostic[] = []
  let rewritten = 0
  parsed.forEach((file, sourceIndex) => {
    for (const rule of file.rules) {
      const repeats = textPatterns(rule).filter(({ key }) => {
        const owner = owners.get(key)
        if (owner === undefined) owners.set(key, { sourceIndex, rule })
        return owner !== undefined && owner.rule !== rule
      })
      const stuck = repeats.filter(({ patterns }) => patterns.some((p) => regexFormOf(p) === null))
      if (stuck.length > 0 && canIsolate(rule, file.rules)) {
        isolate.push({ sourceIndex, rule })
        continue
      }
      for (const pattern of repeats.flatMap((r) => r.patterns)) {
        const regex = regexFormOf(pattern)
        if (regex === null) continue
        edits[sourceIndex]?.push({ start: pattern.start, end: pattern.end, text: regex })
        rewritten += 1
      }
      if (stuck.length > 0)
        residual.push(residualWarning(sources[sourceIndex] as Source, rule, stuck[0]?.patterns[0]))
    }
  })
  const isolatedSet = new Set(isolate.map((r) => r.rule))
  const main = sources.map((source, i) => ({
    ...source,
    source: applyEdits(source.source, [
      ...(edits[i] ?? []),
      ...(parsed[i]?.rules ?? [])
        .filter((r) => isolatedSet.has(r))
        .map((r) => ({ start: r.start, end: r.end, text: blank(r.text) })),
    ]),
  }))
  return {
    groups: [
      main,
      ...isolatedGroups(
        isolate,
        sources,
        parsed.map((p) => p.imports),
      ),
    ],
    rewritten,
    isolated: isolate.map((r) => `${(sources[r.sourceIndex] as Source).namespace}:${r.rule.name}`),
    residual,
  }
}

/** The rule's text patterns grouped by the key the engine merges them by (bytes + modifiers). */
function textPatterns(rule: ParsedRule): { key: string; patterns: ParsedPattern[] }[] {
  const byKey = new Map<string, ParsedPattern[]>()
  for (const pattern of rule.patterns) {
    if (pattern.kind !== 'text') continue
    const key = engineKey(pattern)
    byKey.set(key, [...(byKey.get(key) ?? []), pattern])
  }
  return [...byKey].map(([key, patterns]) => ({ key, patterns }))
}

/**
 * A deliberately coarse key: two patterns the engine could merge always get the same key (an
 * extra rewrite is harmless; a missed one is a missed detection).
 */
function engineKey(pattern: ParsedPattern): string {
  const modifiers = new Set(
    pattern.modifiers.map((m) => m.toLowerCase()).filter((m) => m !== 'private'),
  )
  if (!modifiers.has('wide')) modifiers.delete('ascii')
  const bytes = decodeTextLiteral(pattern.raw)
  const content =
    bytes === null
      ? pattern.raw
      : modifiers.has('nocase')
        ? bytes.toString('latin1').toLowerCase()
        : bytes.toString('hex')
  return `${content}|${[...modifiers].sort().join(' ')}`
}

/** The regex literal with the same matches, or null where there is none. */
function regexFormOf(pattern: ParsedPattern): string | null {
  if (pattern.modifiers.some((m) => UNREWRITABLE.test(m.toLowerCase()))) return null
  const bytes = decodeTextLiteral(pattern.raw)
  return bytes === null || bytes.length === 0 ? null : bytesAsRegex(bytes)
}

/** A rule may be compiled apart when nothing ties it to the rest of its namespace. */
function canIsolate(rule: ParsedRule, siblings: readonly ParsedRule[]): boolean {
  if (rule.modifiers.length > 0) return false
  if (siblings.some((r) => r.modifiers.includes('global'))) return false
  const names = new Set(siblings.map((r) => r.name))
  return (
    !rule.conditionIdentifiers.some((id) => names.has(id)) &&
    !siblings.some((r) => r.conditionIdentifiers.includes(rule.name))
  )
}

function isolatedGroups(
  isolate: readonly RuleRef[],
  sources: readonly Source[],
  imports: readonly (readonly string[])[],
): Source[][] {
  const groups: { keys: Set<string>; rules: RuleRef[] }[] = []
  for (const ref of isolate) {
    const keys = textPatterns(ref.rule).map((p) => p.key)
    let group = groups.find((g) => keys.every((k) => !g.keys.has(k)))
    if (group === undefined) {
      group = { keys: new Set(), rules: [] }
      groups.push(group)
    }
    for (const k of keys) group.keys.add(k)
    group.rules.push(ref)
  }
  return groups.map((g) =>
    g.rules.map((ref) => {
      const source = sources[ref.sourceIndex] as Source
      const header = (imports[ref.sourceIndex] ?? []).map((m) => `import "${m}"\n`).join('')
      return { ...source, source: header + ref.rule.text }
    }),
  )
}

function applyEdits(
  text: string,
  edits: readonly { start: number; end: number; text: string }[],
): string {
  let out = text
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  }
  return out
}

/** Spaces for everything but newlines, so later line numbers stay right. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ')
}

function residualWarning(
  source: Source,
  rule: ParsedRule,
  pattern: ParsedPattern | undefined,
): RuleDiagnostic {
  return {
    severity: 'warning',
    file: source.displayName,
    line: rule.startLine,
    column: null,
    code: 'yara-x-762',
    message:
      `pattern ${pattern?.identifier ?? ''} repeats a text pattern of an earlier rule and cannot be ` +
      'rewritten or compiled apart: yara-x 1.20 may miss or falsely report this rule (yara-x #762/#771)',
    rule: rule.name,
  }
}
