import { FILE_EXTERNALS, validateSource } from '../engine/yara-engine'
import type { RuleDiagnostic } from '../model/rules'
import { blankRules, dependentsOf, dependsOnReason } from './drop-rules'
import type { DroppedRule } from './drop-rules'
import { parseYaraSource } from './yara-source-parser'
import type { ParsedRule } from './yara-source-parser'

export type { DroppedRule } from './drop-rules'

/** A rule file's path inside its pack and its text. */
export interface RuleFileSource {
  readonly path: string
  readonly text: string
}

/** How to validate. */
export interface ValidateOptions {
  /** The namespace the pack compiles in. */
  readonly namespace: string
  /** Drop the rules (or files) that do not compile and keep the rest. */
  readonly dropInvalid: boolean
  /** Default: {@link FILE_EXTERNALS}, as every scan declares them. */
  readonly externals?: readonly string[]
}

/** What validating a pack's rule files found. */
export interface PackValidation {
  /** Every error and warning of the files as given, with the rule each line falls in. */
  readonly diagnostics: readonly RuleDiagnostic[]
  /** What was left out (only with `dropInvalid`), in file order. */
  readonly dropped: readonly DroppedRule[]
  /**
   * The files kept: dropped rules blanked out line for line (lines and columns unchanged), files
   * dropped whole left out. Without `dropInvalid`, the files as given.
   */
  readonly files: readonly RuleFileSource[]
  /** Errors left in `files`: 0 with `dropInvalid`. */
  readonly errorCount: number
  /** Rules left in `files`. */
  readonly ruleCount: number
}

/** A file that keeps failing after this many rounds of dropping is dropped whole. */
const MAX_ROUNDS = 50

/**
 * Validate a pack's rule files the way a scan compiles them: each file alone, in the pack's
 * namespace, with the declared externals, includes refused. With `dropInvalid`, the rules that
 * fail are dropped with their first error as the reason, then every rule naming a dropped rule
 * ("depends on dropped rule X"), until the file compiles; an error outside any rule (an
 * `include`, an unknown module, a syntax error between rules) drops the whole file. A rule
 * defined again in a later file of the pack is an error too (the files share one namespace).
 *
 * CPU heavy on big sets and run on untrusted rules: imports call it in a scan process with a
 * deadline (`validateInChild`).
 */
export function validateRuleFiles(
  files: readonly RuleFileSource[],
  options: ValidateOptions,
): PackValidation {
  const externals = options.externals ?? FILE_EXTERNALS
  const diagnostics: RuleDiagnostic[] = []
  const dropped: DroppedRule[] = []
  const kept: { file: RuleFileSource; rules: readonly ParsedRule[] }[] = []
  for (const file of files) {
    const result = validateFile(file, options.namespace, externals, options.dropInvalid)
    diagnostics.push(...result.diagnostics)
    dropped.push(...result.dropped)
    if (result.text !== null) {
      const text = result.text
      kept.push({ file: { path: file.path, text }, rules: parseYaraSource(text, file.path).rules })
    }
  }
  const duplicates = dropDuplicates(kept, options.dropInvalid)
  diagnostics.push(...duplicates.diagnostics)
  dropped.push(...duplicates.dropped)
  // Dropping leaves only files that compile; otherwise every error stays.
  const errorCount = options.dropInvalid
    ? 0
    : diagnostics.filter((d) => d.severity === 'error').length
  return {
    diagnostics,
    dropped,
    files: duplicates.kept.map((k) => k.file),
    errorCount,
    ruleCount: duplicates.kept.reduce((n, k) => n + k.rules.length, 0),
  }
}

interface FileResult {
  readonly diagnostics: RuleDiagnostic[]
  readonly dropped: DroppedRule[]
  /** The text kept; null when the whole file is dropped. */
  readonly text: string | null
}

/** Errors from the engine, and from our parser when the engine has none (the loader needs both). */
function fileDiagnostics(
  text: string,
  path: string,
  namespace: string,
  externals: readonly string[],
) {
  const engine = validateSource({ namespace, source: text, displayName: path }, externals)
  if (engine.some((d) => d.severity === 'error')) return engine
  return [...engine, ...parseYaraSource(text, path).diagnostics]
}

function validateFile(
  file: RuleFileSource,
  namespace: string,
  externals: readonly string[],
  dropInvalid: boolean,
): FileResult {
  const first = fileDiagnostics(file.text, file.path, namespace, externals)
  if (!dropInvalid || !first.some((d) => d.severity === 'error')) {
    return { diagnostics: first, dropped: [], text: file.text }
  }
  const dropped: DroppedRule[] = []
  const droppedNames = new Set<string>()
  let text = file.text
  let diagnostics = first
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    if (errors.length === 0) return { diagnostics: first, dropped, text }
    const rules = parseYaraSource(text, file.path).rules
    const outside = errors.find((e) => ruleAt(rules, e.line) === undefined)
    if (outside !== undefined) break
    const failing = new Map<ParsedRule, RuleDiagnostic>()
    for (const error of errors) {
      const rule = ruleAt(rules, error.line) as ParsedRule
      if (!failing.has(rule)) failing.set(rule, error)
    }
    const names = new Set([...droppedNames, ...[...failing.keys()].map((r) => r.name)])
    for (const [rule, error] of failing) {
      const missing = /unknown identifier `([^`]+)`/.exec(error.message)?.[1]
      const dependsOn = missing !== undefined && names.has(missing) && missing !== rule.name
      dropped.push({
        file: file.path,
        rule: rule.name,
        line: rule.startLine,
        code: dependsOn ? 'depends-on' : error.code,
        reason: dependsOn ? dependsOnReason(missing) : error.message,
      })
    }
    const remaining = rules.filter((r) => !failing.has(r))
    const stillDefined = new Set(remaining.map((r) => r.name))
    const goneNames = new Set([...names].filter((n) => !stillDefined.has(n)))
    const dependents = dependentsOf(remaining, goneNames)
    for (const [rule, on] of dependents) {
      dropped.push(dependentEntry(file.path, rule, on))
    }
    for (const name of goneNames) droppedNames.add(name)
    for (const rule of dependents.keys()) droppedNames.add(rule.name)
    text = blankRules(text, [...failing.keys(), ...dependents.keys()])
    diagnostics = fileDiagnostics(text, file.path, namespace, externals)
  }
  // An error no rule holds (include, unknown module, syntax between rules), or no end in sight.
  const cause = diagnostics.find((d) => d.severity === 'error') ?? first[0]
  const whole: DroppedRule = {
    file: file.path,
    rule: null,
    line: cause?.line ?? null,
    code: cause?.code ?? 'error',
    reason: cause?.message ?? 'does not compile',
  }
  return { diagnostics: first, dropped: [whole], text: null }
}

function dependentEntry(file: string, rule: ParsedRule, on: string): DroppedRule {
  return {
    file,
    rule: rule.name,
    line: rule.startLine,
    code: 'depends-on',
    reason: dependsOnReason(on),
  }
}

function ruleAt(rules: readonly ParsedRule[], line: number | null): ParsedRule | undefined {
  if (line === null) return undefined
  return rules.find((r) => r.startLine <= line && line <= r.endLine)
}

/**
 * The files of a pack share one namespace: a rule defined again in a later file is an error
 * (each file compiles alone, so only the pack sees it); with dropping, the later one goes, and
 * the rules of its file that name it.
 */
function dropDuplicates(
  kept: readonly { file: RuleFileSource; rules: readonly ParsedRule[] }[],
  dropInvalid: boolean,
) {
  const seen = new Map<string, string>()
  const diagnostics: RuleDiagnostic[] = []
  const dropped: DroppedRule[] = []
  const out: { file: RuleFileSource; rules: readonly ParsedRule[] }[] = []
  for (const entry of kept) {
    const twice = entry.rules.filter((r) => seen.has(r.name))
    for (const rule of twice) {
      const reason = `rule ${rule.name} is also defined in ${seen.get(rule.name) ?? '?'}`
      diagnostics.push({
        severity: 'error',
        file: entry.file.path,
        line: rule.startLine,
        column: null,
        code: 'duplicate-rule',
        message: reason,
        rule: rule.name,
      })
      if (dropInvalid) {
        dropped.push({
          file: entry.file.path,
          rule: rule.name,
          line: rule.startLine,
          code: 'duplicate-rule',
          reason,
        })
      }
    }
    const remember = (rules: readonly ParsedRule[]): void => {
      for (const rule of rules) {
        if (!seen.has(rule.name)) seen.set(rule.name, `${entry.file.path}:${rule.startLine}`)
      }
    }
    if (!dropInvalid || twice.length === 0) {
      remember(entry.rules)
      out.push(entry)
      continue
    }
    const remaining = entry.rules.filter((r) => !twice.includes(r))
    const dependents = dependentsOf(remaining, new Set(twice.map((r) => r.name)))
    for (const [rule, on] of dependents) dropped.push(dependentEntry(entry.file.path, rule, on))
    const gone = [...twice, ...dependents.keys()]
    const rules = entry.rules.filter((r) => !gone.includes(r))
    remember(rules)
    out.push({ file: { path: entry.file.path, text: blankRules(entry.file.text, gone) }, rules })
  }
  return { diagnostics, dropped, kept: out }
}
