/**
 * The kinds of token the YARA tokenizer produces.
 *
 * `text`, `regex` and `hex` are whole pattern literals; `pattern` is a `$a`/`#a`/`@a`/`!a`
 * reference (with an optional trailing `*`); comments and whitespace never become tokens.
 */
export type TokenKind = 'ident' | 'pattern' | 'number' | 'text' | 'regex' | 'hex' | 'punct'

/** One token with its place in the source (line and column are 1-based, offsets 0-based). */
export interface Token {
  readonly kind: TokenKind
  readonly text: string
  readonly start: number
  readonly end: number
  readonly line: number
  readonly column: number
}

/** A problem the tokenizer found (an unterminated literal or comment, a stray character). */
export interface TokenError {
  readonly message: string
  readonly line: number
  readonly column: number
}

/** Everything the tokenizer learned about a source. */
export interface TokenizeResult {
  readonly tokens: readonly Token[]
  readonly errors: readonly TokenError[]
}

const IDENT_START = /[A-Za-z_]/
const IDENT_PART = /[A-Za-z0-9_]/
const NUMBER = /^(?:0x[0-9A-Fa-f]+|0o[0-7]+|\d+(?:\.\d+)?(?:KB|MB)?)/
const MULTI_CHAR_PUNCT = ['==', '!=', '<=', '>=', '<<', '>>', '..']

/**
 * Split YARA source into tokens.
 *
 * YARA's grammar is context-sensitive in two places, and a brace counter that gets them wrong
 * ends rules in the wrong place: `/` starts a regular expression only after `=` (a pattern
 * definition) or `matches`, and `{` starts a hex pattern only after `=`. Everywhere else they
 * are the division operator and a rule brace.
 */
export function tokenizeYara(source: string): TokenizeResult {
  return new Tokenizer(source).run()
}

class Tokenizer {
  private pos = 0
  private line = 1
  private lineStart = 0
  private readonly tokens: Token[] = []
  private readonly errors: TokenError[] = []

  constructor(private readonly src: string) {}

  run(): TokenizeResult {
    while (this.pos < this.src.length) {
      if (this.skipSpaceAndComments()) continue
      this.readToken()
    }
    return { tokens: this.tokens, errors: this.errors }
  }

  /** Consume whitespace or one comment; true when something was consumed. */
  private skipSpaceAndComments(): boolean {
    const c = this.src[this.pos]
    if (c === '\n') {
      this.newline(this.pos + 1)
      this.pos += 1
      return true
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      this.pos += 1
      return true
    }
    if (this.src.startsWith('//', this.pos)) {
      const end = this.src.indexOf('\n', this.pos)
      this.pos = end === -1 ? this.src.length : end
      return true
    }
    if (this.src.startsWith('/*', this.pos)) {
      this.skipBlockComment()
      return true
    }
    return false
  }

  private skipBlockComment(): void {
    const { line, column } = this.here()
    const end = this.src.indexOf('*/', this.pos + 2)
    const stop = end === -1 ? this.src.length : end + 2
    this.advanceOver(stop)
    if (end === -1) this.errors.push({ message: 'unterminated comment', line, column })
  }

  private readToken(): void {
    const c = this.src[this.pos] ?? ''
    const previous = this.tokens.at(-1)
    const afterAssign = previous?.kind === 'punct' && previous.text === '='
    if (c === '"') this.readText()
    else if (
      c === '/' &&
      (afterAssign || (previous?.kind === 'ident' && previous.text === 'matches'))
    )
      this.readRegex()
    else if (c === '{' && afterAssign) this.readHex()
    else if (IDENT_START.test(c)) this.readWhile('ident', 1)
    else if ('$#@!'.includes(c) && IDENT_PART.test(this.src[this.pos + 1] ?? '')) this.readPattern()
    else if (c === '$') this.readPattern()
    else if (/\d/.test(c)) this.readNumber()
    else this.readPunct()
  }

  private readWhile(kind: TokenKind, skip: number): void {
    let end = this.pos + skip
    while (end < this.src.length && IDENT_PART.test(this.src[end] ?? '')) end += 1
    this.push(kind, end)
  }

  private readPattern(): void {
    let end = this.pos + 1
    while (end < this.src.length && IDENT_PART.test(this.src[end] ?? '')) end += 1
    if (this.src[end] === '*') end += 1
    this.push('pattern', end)
  }

  private readNumber(): void {
    const match = NUMBER.exec(this.src.slice(this.pos, this.pos + 64))
    this.push('number', this.pos + (match?.[0].length ?? 1))
  }

  private readPunct(): void {
    const two = this.src.slice(this.pos, this.pos + 2)
    this.push('punct', this.pos + (MULTI_CHAR_PUNCT.includes(two) ? 2 : 1))
  }

  /** A `"…"` literal: backslash escapes anything, and it may not span lines. */
  private readText(): void {
    let end = this.pos + 1
    while (end < this.src.length) {
      const c = this.src[end]
      if (c === '\\') end += 2
      else if (c === '"') {
        this.push('text', end + 1)
        return
      } else if (c === '\n') break
      else end += 1
    }
    this.fail('unterminated text string', Math.min(end, this.src.length))
  }

  /** A `/…/flags` literal: it ends at the first unescaped `/`, as in yara-x. */
  private readRegex(): void {
    let end = this.pos + 1
    while (end < this.src.length) {
      const c = this.src[end]
      if (c === '\\') end += 2
      else if (c === '/') {
        end += 1
        while (/[is]/.test(this.src[end] ?? '')) end += 1
        this.push('regex', end)
        return
      } else if (c === '\n') break
      else end += 1
    }
    this.fail('unterminated regular expression', Math.min(end, this.src.length))
  }

  /** A `{ … }` hex pattern: it may span lines and hold comments, which may hold `}`. */
  private readHex(): void {
    let end = this.pos + 1
    while (end < this.src.length) {
      if (this.src.startsWith('//', end)) {
        const eol = this.src.indexOf('\n', end)
        end = eol === -1 ? this.src.length : eol
      } else if (this.src.startsWith('/*', end)) {
        const close = this.src.indexOf('*/', end + 2)
        end = close === -1 ? this.src.length : close + 2
      } else if (this.src[end] === '}') {
        this.push('hex', end + 1)
        return
      } else end += 1
    }
    this.fail('unterminated hex string', this.src.length)
  }

  private fail(message: string, end: number): void {
    const { line, column } = this.here()
    this.errors.push({ message, line, column })
    this.advanceOver(end)
  }

  private push(kind: TokenKind, end: number): void {
    const { line, column } = this.here()
    const start = this.pos
    this.tokens.push({ kind, text: this.src.slice(start, end), start, end, line, column })
    this.advanceOver(end)
  }

  /** Move to `end`, counting the newlines crossed so later tokens get the right line. */
  private advanceOver(end: number): void {
    for (let i = this.pos; i < end; i += 1) if (this.src[i] === '\n') this.newline(i + 1)
    this.pos = end
  }

  private newline(nextLineStart: number): void {
    this.line += 1
    this.lineStart = nextLineStart
  }

  private here(): { line: number; column: number } {
    return { line: this.line, column: this.pos - this.lineStart + 1 }
  }
}
