/**
 * The bytes a YARA text string stands for (`"a\x41\n"` → 61 41 0a), or null when it uses an
 * escape we do not know (then it is left alone).
 */
export function decodeTextLiteral(raw: string): Buffer | null {
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) return null
  const body = raw.slice(1, -1)
  const bytes: number[] = []
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i] as string
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'))
      continue
    }
    const next = body[i + 1]
    const simple = next === undefined ? undefined : SIMPLE_ESCAPES[next]
    if (simple !== undefined) {
      bytes.push(simple)
      i += 1
    } else if (next === 'x' && /^[0-9A-Fa-f]{2}$/.test(body.slice(i + 2, i + 4))) {
      bytes.push(Number.parseInt(body.slice(i + 2, i + 4), 16))
      i += 3
    } else {
      return null
    }
  }
  return Buffer.from(bytes)
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  '"': 0x22,
  '\\': 0x5c,
  t: 0x09,
  n: 0x0a,
  r: 0x0d,
}

/** A regular expression matching exactly `bytes`, every byte written as `\xHH`. */
export function bytesAsRegex(bytes: Buffer): string {
  return `/${[...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}/`
}
