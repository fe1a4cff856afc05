import { normaliseToken } from './logic-hash'
import type { Token } from './yara-tokenizer'

/** One pattern definition of a rule's `strings:` section. */
export interface ParsedPattern {
  /** `$name`, or `$` for an anonymous pattern. */
  readonly identifier: string
  /** What kind of literal defines it. */
  readonly kind: 'text' | 'regex' | 'hex'
  /** The literal exactly as written (quotes, slashes or braces included). */
  readonly raw: string
  /** Offsets of the literal in the source (0-based, end exclusive). */
  readonly start: number
  readonly end: number
  /** The literal as the logic hash sees it (hex normalised, text and regex as written). */
  readonly literal: string
  /** Modifiers in source order, each with its arguments (`xor(0x01-0xff)`). */
  readonly modifiers: readonly string[]
  /**
   * What the pattern matches, independent of identifier and modifier order: two patterns
   * with the same key are the same pattern to the engine (`ascii` alone is the default).
   */
  readonly key: string
}

/**
 * The pattern definitions between `from` and `to` (the tokens of a `strings:` section).
 *
 * A definition starts at a `$…` token followed by `=` and runs until the next one.
 */
export function readPatterns(tokens: readonly Token[], from: number, to: number): ParsedPattern[] {
  const starts: number[] = []
  for (let i = from; i < to; i += 1) {
    if (tokens[i]?.kind === 'pattern' && tokens[i + 1]?.text === '=') starts.push(i)
  }
  return starts.map((start, n) => {
    const end = starts[n + 1] ?? to
    const literalToken = tokens[start + 2]
    const literal = literalToken ? normaliseToken(literalToken) : ''
    const modifiers = groupModifiers(tokens.slice(start + 3, end))
    return {
      identifier: tokens[start]?.text ?? '$',
      kind: literalKind(literalToken?.kind),
      raw: literalToken?.text ?? '',
      start: literalToken?.start ?? 0,
      end: literalToken?.end ?? 0,
      literal,
      modifiers,
      key: patternKey(literal, modifiers),
    }
  })
}

/** Group `xor ( 1 - 2 )` into one `xor(1-2)` entry; every other token is its own modifier. */
function groupModifiers(tokens: readonly Token[]): string[] {
  const modifiers: string[] = []
  let depth = 0
  for (const token of tokens) {
    const last = modifiers.length - 1
    if (depth > 0 || token.text === '(') modifiers[last] = `${modifiers[last] ?? ''}${token.text}`
    else modifiers.push(token.text)
    if (token.text === '(') depth += 1
    else if (token.text === ')') depth -= 1
  }
  return modifiers
}

function patternKey(literal: string, modifiers: readonly string[]): string {
  const set = new Set(modifiers.map((m) => m.toLowerCase()))
  if (!set.has('wide')) set.delete('ascii')
  return [literal, ...[...set].sort()].join(' ')
}

function literalKind(kind: Token['kind'] | undefined): ParsedPattern['kind'] {
  return kind === 'regex' ? 'regex' : kind === 'hex' ? 'hex' : 'text'
}
