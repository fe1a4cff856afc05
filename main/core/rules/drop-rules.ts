import type { ParsedRule } from './yara-source-parser'

/** A rule (or a whole file) left out of a pack because it does not compile. */
export interface DroppedRule {
  /** The rule file, relative to the pack. */
  readonly file: string
  /** The rule's name; null when the whole file was dropped. */
  readonly rule: string | null
  /** Where the rule starts (or the file's first error is); null when unknown. */
  readonly line: number | null
  /** The engine's code of the first error (`E009`, `E044`…), or `depends-on`/`duplicate-rule`. */
  readonly code: string
  /** The first error, or "depends on dropped rule X". */
  readonly reason: string
}

/**
 * Blank the text of `rules` out of `source`, keeping its length and every line break, so that
 * lines and columns of what stays still point at the original file (diagnostics, findings).
 */
export function blankRules(source: string, rules: readonly ParsedRule[]): string {
  if (rules.length === 0) return source
  const sorted = [...rules].sort((a, b) => a.start - b.start)
  let out = ''
  let cursor = 0
  for (const rule of sorted) {
    if (rule.start < cursor) continue
    out += source.slice(cursor, rule.start)
    // Spaces rather than a comment: a `//` inside a blanked line cannot swallow what follows.
    out += source.slice(rule.start, rule.end).replace(/[^\n\r]/g, ' ')
    cursor = rule.end
  }
  return out + source.slice(cursor)
}

/**
 * The rules of `rules` that name a rule in `dropped` in their condition, directly or through
 * another such rule: each with the dropped rule it depends on. Rules already in `dropped` are
 * left out.
 */
export function dependentsOf(
  rules: readonly ParsedRule[],
  dropped: ReadonlySet<string>,
): Map<ParsedRule, string> {
  const gone = new Set(dropped)
  const dependents = new Map<ParsedRule, string>()
  for (let changed = true; changed;) {
    changed = false
    for (const rule of rules) {
      if (gone.has(rule.name) || dependents.has(rule)) continue
      const on = rule.conditionIdentifiers.find((identifier) => gone.has(identifier))
      if (on === undefined) continue
      dependents.set(rule, on)
      gone.add(rule.name)
      changed = true
    }
  }
  return dependents
}

/** "depends on dropped rule X", the reason given for a dependent. */
export function dependsOnReason(name: string): string {
  return `depends on dropped rule ${name}`
}
