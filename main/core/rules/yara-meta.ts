import type { Token } from './yara-tokenizer'

/** A meta value as YARA allows it: a text string, an integer (or float) or a boolean. */
export type MetaValue = string | number | boolean

/** One `key = value` line of a rule's meta section, in source order. */
export interface MetaEntry {
  readonly key: string
  readonly value: MetaValue
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
}

/**
 * The value of a YARA text literal (`"…"` with its quotes), escapes resolved.
 *
 * Handles `\n \t \r \" \\ \xHH`; any other escape is kept as written, which is what an analyst
 * reading the meta in the UI expects to see.
 */
export function unescapeYaraText(literal: string): string {
  const body = literal.slice(1, -1)
  let out = ''
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] ?? ''
    if (c !== '\\') {
      out += c
      continue
    }
    const next = body[i + 1] ?? ''
    const hex = next === 'x' ? /^[0-9A-Fa-f]{2}/.exec(body.slice(i + 2, i + 4)) : null
    if (hex) {
      out += String.fromCharCode(parseInt(hex[0], 16))
      i += 3
    } else {
      out += SIMPLE_ESCAPES[next] ?? `\\${next}`
      i += 1
    }
  }
  return out
}

/** The numeric value of a YARA number token (`16`, `0x10`, `0o20`, `1.5`, `2KB`). */
export function parseYaraNumber(text: string): number {
  if (/^0x/i.test(text)) return parseInt(text.slice(2), 16)
  if (/^0o/i.test(text)) return parseInt(text.slice(2), 8)
  const unit = /(KB|MB)$/.exec(text)?.[1]
  const base = Number(unit === undefined ? text : text.slice(0, -2))
  if (unit === 'KB') return base * 1024
  if (unit === 'MB') return base * 1024 * 1024
  return base
}

/**
 * Read one meta value starting at `tokens[i]`.
 *
 * Returns the value and how many tokens it used, or null when the tokens are not a value.
 */
export function readMetaValue(
  tokens: readonly Token[],
  i: number,
): { value: MetaValue; used: number } | null {
  const token = tokens[i]
  if (token === undefined) return null
  if (token.kind === 'text') return { value: unescapeYaraText(token.text), used: 1 }
  if (token.kind === 'number') return { value: parseYaraNumber(token.text), used: 1 }
  if (token.kind === 'ident' && (token.text === 'true' || token.text === 'false'))
    return { value: token.text === 'true', used: 1 }
  const next = tokens[i + 1]
  if (token.text === '-' && next?.kind === 'number')
    return { value: -parseYaraNumber(next.text), used: 2 }
  return null
}

/**
 * Collapse meta entries into a record, the way the engine reports them on a match.
 *
 * yara-x keeps the **last** value of a repeated key (measured on 0.7.2), so we do the same:
 * the meta shown for a rule in the pack and the meta reported with a finding then agree.
 * Repeated keys such as `hash` are collected separately by {@link metaValues}.
 */
export function metaRecord(entries: readonly MetaEntry[]): Readonly<Record<string, MetaValue>> {
  // Object.fromEntries defines own properties, so a `__proto__` key stays a plain key.
  return Object.fromEntries(entries.map((entry) => [entry.key, entry.value]))
}

/** Every value of the keys `keys` matches, in source order (for repeated keys like `hash`). */
export function metaValues(entries: readonly MetaEntry[], keys: RegExp): MetaValue[] {
  return entries.filter((entry) => keys.test(entry.key)).map((entry) => entry.value)
}
