import type { RuleDiagnostic } from '../model/rules'
import { computeLogicHash } from './logic-hash'
import { readMetaValue, unescapeYaraText } from './yara-meta'
import type { MetaEntry } from './yara-meta'
import { readPatterns } from './yara-patterns'
import type { ParsedPattern } from './yara-patterns'
import { tokenizeYara } from './yara-tokenizer'
import type { Token } from './yara-tokenizer'

/** A rule modifier keyword. */
export type RuleModifier = 'private' | 'global'

/** One rule as written in a source file. */
export interface ParsedRule {
  readonly name: string
  readonly modifiers: readonly RuleModifier[]
  /** The tags after `rule name :`, in order. */
  readonly tags: readonly string[]
  /** Every meta line in order; repeated keys (e.g. several `hash`) are all kept. */
  readonly meta: readonly MetaEntry[]
  /** The modules the file imports (imports are file-wide in YARA). */
  readonly imports: readonly string[]
  /** 1-based lines of the first token (a modifier or `rule`) and of the closing brace. */
  readonly startLine: number
  readonly endLine: number
  /** 0-based offsets of {@link ParsedRule.text} in the source (end exclusive). */
  readonly start: number
  readonly end: number
  /** The rule exactly as written, from its first token to its closing brace. */
  readonly text: string
  /** See {@link computeLogicHash}. */
  readonly logicHash: string
  /** The pattern definitions of the `strings:` section, in order. */
  readonly patterns: readonly ParsedPattern[]
  /** Bare identifiers in the condition (externals, rule names, keywords), sorted, distinct. */
  readonly conditionIdentifiers: readonly string[]
}

/** An `include "…"` statement: reported, never followed. */
export interface IncludeStatement {
  readonly path: string
  readonly line: number
  readonly column: number
}

/** Everything the parser found in one source. */
export interface ParsedYaraSource {
  readonly imports: readonly string[]
  readonly includes: readonly IncludeStatement[]
  readonly rules: readonly ParsedRule[]
  /** Syntax problems, and one error per `include`. */
  readonly diagnostics: readonly RuleDiagnostic[]
}

const RULE_START = new Set(['rule', 'private', 'global'])
const TOP_LEVEL_START = new Set([...RULE_START, 'import', 'include'])
const SECTIONS = new Set(['meta', 'strings', 'condition'])

/**
 * Parse YARA source into its rules, imports and includes.
 *
 * This is not a validator (the engine is): it finds rule boundaries, names, tags, meta and the
 * logic hash reliably, and reports what it cannot delimit. It keeps going after an error, at
 * the next token that can start a top-level statement.
 */
export function parseYaraSource(source: string, file = '<source>'): ParsedYaraSource {
  const { tokens, errors } = tokenizeYara(source)
  const state: ParserState = {
    source,
    file,
    tokens,
    imports: [],
    includes: [],
    rules: [],
    diagnostics: errors.map((e) => diagnostic(file, e.line, e.column, 'syntax', e.message)),
  }
  let i = 0
  while (i < tokens.length) i = parseTopLevel(state, i)
  for (const rule of state.rules) rule.imports.push(...state.imports)
  return {
    imports: state.imports,
    includes: state.includes,
    rules: state.rules,
    diagnostics: state.diagnostics,
  }
}

interface MutableRule extends ParsedRule {
  readonly imports: string[]
}

interface ParserState {
  readonly source: string
  readonly file: string
  readonly tokens: readonly Token[]
  readonly imports: string[]
  readonly includes: IncludeStatement[]
  readonly rules: MutableRule[]
  readonly diagnostics: RuleDiagnostic[]
}

function parseTopLevel(state: ParserState, i: number): number {
  const token = state.tokens[i]
  const next = state.tokens[i + 1]
  if (token === undefined) return i + 1
  if (token.kind === 'ident' && token.text === 'import' && next?.kind === 'text') {
    state.imports.push(unescapeYaraText(next.text))
    return i + 2
  }
  if (token.kind === 'ident' && token.text === 'include' && next?.kind === 'text') {
    const path = unescapeYaraText(next.text)
    state.includes.push({ path, line: token.line, column: token.column })
    const message = `include "${path}" is not allowed: rule packs must be self-contained`
    state.diagnostics.push(diagnostic(state.file, token.line, token.column, 'include', message))
    return i + 2
  }
  if (token.kind === 'ident' && RULE_START.has(token.text)) return parseRule(state, i)
  fail(state, token, `unexpected '${token.text}' outside a rule`)
  return skipToTopLevel(state.tokens, i + 1)
}

function skipToTopLevel(tokens: readonly Token[], from: number): number {
  let i = from
  while (i < tokens.length) {
    const token = tokens[i]
    if (token?.kind === 'ident' && TOP_LEVEL_START.has(token.text)) return i
    i += 1
  }
  return i
}

/** Parse `[private|global]* rule name [: tags] { … }` starting at `start`. */
function parseRule(state: ParserState, start: number): number {
  const { tokens } = state
  let i = start
  const modifiers: RuleModifier[] = []
  for (let t = tokens[i]; t !== undefined && isModifier(t.text); t = tokens[++i])
    modifiers.push(t.text)
  const nameToken = tokens[i + 1]
  if (tokens[i]?.text !== 'rule' || nameToken?.kind !== 'ident')
    return recover(state, tokens[i] ?? tokens[start], 'expected `rule` and a rule name', i + 1)
  i += 2
  const tags: string[] = []
  if (tokens[i]?.text === ':') {
    i += 1
    for (let t = tokens[i]; t?.kind === 'ident'; t = tokens[++i]) tags.push(t.text)
  }
  if (tokens[i]?.text !== '{')
    return recover(state, tokens[i] ?? nameToken, `expected '{' after rule ${nameToken.text}`, i)
  const close = findClosingBrace(tokens, i + 1)
  if (close === -1) {
    fail(state, nameToken, `rule ${nameToken.text} is not closed`)
    return tokens.length
  }
  const rule = buildRule(state, { start, nameToken, modifiers, tags, open: i, close })
  if (rule !== null) state.rules.push(rule)
  return close + 1
}

function isModifier(text: string): text is RuleModifier {
  return text === 'private' || text === 'global'
}

function recover(state: ParserState, at: Token | undefined, message: string, from: number): number {
  if (at !== undefined) fail(state, at, message)
  return skipToTopLevel(state.tokens, Math.max(from, 1))
}

function findClosingBrace(tokens: readonly Token[], from: number): number {
  let depth = 1
  for (let i = from; i < tokens.length; i += 1) {
    const t = tokens[i]
    if (t?.kind !== 'punct') continue
    if (t.text === '{') depth += 1
    else if (t.text === '}' && --depth === 0) return i
  }
  return -1
}

interface RuleFrame {
  readonly start: number
  readonly nameToken: Token
  readonly modifiers: readonly RuleModifier[]
  readonly tags: readonly string[]
  readonly open: number
  readonly close: number
}

/** Where each section's tokens start and end (header excluded), by section name. */
type Sections = Map<string, { readonly header: number; readonly from: number; to: number }>

function findSections(tokens: readonly Token[], open: number, close: number): Sections {
  const sections: Sections = new Map()
  let current: { header: number; from: number; to: number } | undefined
  for (let i = open + 1; i < close; i += 1) {
    const t = tokens[i]
    if (t?.kind !== 'ident' || !SECTIONS.has(t.text) || tokens[i + 1]?.text !== ':') continue
    if (current) current.to = i
    current = { header: i, from: i + 2, to: close }
    sections.set(t.text, current)
    // The condition is always last; anything after it is condition text.
    if (t.text === 'condition') break
  }
  return sections
}

function buildRule(state: ParserState, frame: RuleFrame): MutableRule | null {
  const { tokens, source } = state
  const name = frame.nameToken.text
  const sections = findSections(tokens, frame.open, frame.close)
  const condition = sections.get('condition')
  if (condition === undefined) {
    fail(state, frame.nameToken, `rule ${name} has no condition`)
    return null
  }
  const meta = sections.get('meta')
  const strings = sections.get('strings')
  const metaEntries = meta ? parseMeta(state, name, meta.from, meta.to) : []
  const first = tokens[frame.start] ?? frame.nameToken
  const last = tokens[frame.close] ?? frame.nameToken
  const logicTokens = [
    ...tokens.slice(frame.start, frame.start + frame.modifiers.length + 1),
    ...tokens.slice(frame.open, frame.close + 1).filter((_, k) => {
      const index = frame.open + k
      return meta === undefined || index < meta.header || index >= meta.to
    }),
  ]
  return {
    name,
    modifiers: frame.modifiers,
    tags: frame.tags,
    meta: metaEntries,
    imports: [],
    startLine: first.line,
    endLine: last.line,
    start: first.start,
    end: last.end,
    text: source.slice(first.start, last.end),
    logicHash: computeLogicHash(logicTokens),
    patterns: strings ? readPatterns(tokens, strings.from, strings.to) : [],
    conditionIdentifiers: conditionIdentifiers(tokens, condition.from, condition.to),
  }
}

function parseMeta(state: ParserState, rule: string, from: number, to: number): MetaEntry[] {
  const { tokens } = state
  const entries: MetaEntry[] = []
  let i = from
  while (i < to) {
    const key = tokens[i]
    const value = tokens[i + 1]?.text === '=' ? readMetaValue(tokens, i + 2) : null
    if (key?.kind !== 'ident' || value === null) {
      if (key) fail(state, key, `rule ${rule}: malformed meta entry at '${key.text}'`)
      break
    }
    entries.push({ key: key.text, value: value.value })
    i += 2 + value.used
  }
  return entries
}

function conditionIdentifiers(tokens: readonly Token[], from: number, to: number): string[] {
  const names = new Set<string>()
  for (let i = from; i < to; i += 1) {
    const t = tokens[i]
    // `pe.number_of_sections`: the part after a dot is a field, not a variable.
    if (t?.kind === 'ident' && tokens[i - 1]?.text !== '.') names.add(t.text)
  }
  return [...names].sort()
}

function fail(state: ParserState, at: Token, message: string): void {
  state.diagnostics.push(diagnostic(state.file, at.line, at.column, 'syntax', message))
}

function diagnostic(
  file: string,
  line: number,
  column: number,
  code: string,
  message: string,
): RuleDiagnostic {
  return { severity: 'error', file, line, column, code, message }
}
