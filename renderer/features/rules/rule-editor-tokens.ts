/**
 * A small YARA tokenizer for the editor's highlighting only (the main process's parser stays in
 * main/; the renderer cannot import it). It never fails: whatever it does not know is `plain`,
 * and an unterminated string, regex or comment runs to the end of its line (or of the text).
 */

/** What a piece of text is, for its colour. */
export type TokenKind =
  'keyword' | 'string' | 'hex' | 'regex' | 'comment' | 'meta-key' | 'number' | 'variable' | 'plain'

/** A piece of the source, in order: the pieces put together give the source back. */
export interface Token {
  readonly kind: TokenKind
  readonly text: string
}

const KEYWORDS = new Set([
  'all',
  'and',
  'any',
  'ascii',
  'at',
  'base64',
  'base64wide',
  'condition',
  'contains',
  'defined',
  'endswith',
  'entrypoint',
  'false',
  'filesize',
  'for',
  'fullword',
  'global',
  'icontains',
  'iendswith',
  'iequals',
  'import',
  'in',
  'include',
  'istartswith',
  'matches',
  'meta',
  'nocase',
  'none',
  'not',
  'of',
  'or',
  'private',
  'rule',
  'startswith',
  'strings',
  'them',
  'true',
  'wide',
  'with',
  'xor',
])

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y
const VARIABLE = /[$#@!][A-Za-z0-9_]*\*?/y
const NUMBER = /(?:0x[0-9A-Fa-f]+|0o[0-7]+|\d+(?:\.\d+)?(?:KB|MB)?)/y
const META_ASSIGNMENT = /[ \t]*=(?!=)/y

/** Split YARA source into highlight tokens. */
export function tokenizeYara(source: string): Token[] {
  const tokens: Token[] = []
  let plain = ''
  let at = 0
  /** The last token that was not a comment, space or line break (decides `{` and `/`). */
  let previous = ''
  let inMeta = false
  const push = (kind: TokenKind, text: string): void => {
    if (plain !== '') tokens.push({ kind: 'plain', text: plain })
    plain = ''
    tokens.push({ kind, text })
    at += text.length
  }
  const sticky = (pattern: RegExp): string | null => {
    pattern.lastIndex = at
    return pattern.exec(source)?.[0] ?? null
  }
  while (at < source.length) {
    const ch = source[at] as string
    const next = source[at + 1]
    if (ch === '/' && next === '/') {
      push('comment', untilLineEnd(source, at))
    } else if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', at + 2)
      push('comment', source.slice(at, end === -1 ? source.length : end + 2))
    } else if (ch === '"') {
      push('string', quoted(source, at, '"'))
      previous = 'string'
    } else if (ch === '/' && (previous === '=' || previous === 'matches')) {
      const body = quoted(source, at, '/')
      const flags = /[a-z]*/y
      flags.lastIndex = at + body.length
      push('regex', body + (flags.exec(source)?.[0] ?? ''))
      previous = 'regex'
    } else if (ch === '{' && previous === '=') {
      const end = source.indexOf('}', at)
      push('hex', source.slice(at, end === -1 ? source.length : end + 1))
      previous = 'hex'
    } else if (
      /[$#@!]/.test(ch) &&
      (next === undefined || /[A-Za-z0-9_*]/.test(next) || ch === '$')
    ) {
      push('variable', sticky(VARIABLE) ?? ch)
      previous = 'variable'
    } else if (/[0-9]/.test(ch) && !/[A-Za-z0-9_]/.test(source[at - 1] ?? ' ')) {
      push('number', sticky(NUMBER) ?? ch)
      previous = 'number'
    } else if (/[A-Za-z_]/.test(ch)) {
      const word = sticky(IDENTIFIER) ?? ch
      if (word === 'meta' || word === 'strings' || word === 'condition') inMeta = word === 'meta'
      if (word === 'rule') inMeta = false
      const isMetaKey = inMeta && sticky2(META_ASSIGNMENT, source, at + word.length)
      push(KEYWORDS.has(word) ? 'keyword' : isMetaKey ? 'meta-key' : 'plain', word)
      previous = word
    } else {
      plain += ch
      at += 1
      if (!/\s/.test(ch)) previous = ch
    }
  }
  if (plain !== '') tokens.push({ kind: 'plain', text: plain })
  return tokens
}

/** The tokens of each line (a token spanning lines is cut at each line break). */
export function tokensByLine(tokens: readonly Token[]): Token[][] {
  const lines: Token[][] = [[]]
  for (const token of tokens) {
    const parts = token.text.split('\n')
    parts.forEach((part, i) => {
      if (i > 0) lines.push([])
      if (part !== '') (lines[lines.length - 1] as Token[]).push({ kind: token.kind, text: part })
    })
  }
  return lines
}

function untilLineEnd(source: string, from: number): string {
  const end = source.indexOf('\n', from)
  return source.slice(from, end === -1 ? source.length : end)
}

/** A `"…"` or `/…/` literal with backslash escapes, cut at the line end when unterminated. */
function quoted(source: string, from: number, quote: string): string {
  let i = from + 1
  while (i < source.length) {
    const c = source[i]
    if (c === '\\') i += 2
    else if (c === quote) return source.slice(from, i + 1)
    else if (c === '\n') return source.slice(from, i)
    else i += 1
  }
  return source.slice(from)
}

function sticky2(pattern: RegExp, source: string, at: number): boolean {
  pattern.lastIndex = at
  return pattern.test(source)
}
