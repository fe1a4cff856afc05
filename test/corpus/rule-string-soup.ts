import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

/**
 * Evidence made from the rules themselves, for the differential test (security-checks B8): no
 * malware is at hand, so for each rule file we write the literal bytes of its strings — text
 * strings (escapes decoded; also as UTF-16LE when `wide`) and hex strings (wildcards as 00,
 * jumps as their minimum run of 00, the first alternative of each group) — one after the
 * other, then the same soup behind an "MZ" header for `uint16(0) == 0x5A4D` conditions (most
 * ReversingLabs rules: 4 pairs without it, 256 with it). Many rules then match (2,058 of
 * Elastic's 3,021), the rest exercise their conditions on near-misses, in both engines alike.
 * Regular expressions are left out (no generic way to write a matching string).
 */
export function writeStringSoups(
  ruleFiles: readonly string[],
  ruleRoot: string,
  out: string,
): number {
  let written = 0
  for (const file of ruleFiles) {
    const strings = literalStrings(readFileSync(file, 'latin1'))
    if (strings.length === 0) continue
    const soup = Buffer.concat(strings.flatMap((s) => [s, Buffer.from('\n')]))
    const target = join(out, `${relative(ruleRoot, file)}.soup`)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, soup)
    writeFileSync(`${target}.mz`, Buffer.concat([Buffer.from('MZ\n'), soup]))
    written += 2
  }
  return written
}

const TEXT = /\$\w*\s*=\s*"((?:[^"\\\n]|\\.)*)"([^\n]*)/g
const HEX = /\$\w*\s*=\s*\{([^}]*)\}/g

/** The literal bytes of every text and hex string in a rule source. */
export function literalStrings(source: string): Buffer[] {
  const out: Buffer[] = []
  for (const m of source.matchAll(TEXT)) {
    const text = unescapeText(m[1]!)
    const modifiers = m[2] ?? ''
    const wide = /\bwide\b/.test(modifiers)
    if (!wide || /\bascii\b/.test(modifiers)) out.push(text)
    if (wide) out.push(Buffer.from(text.toString('latin1'), 'utf16le'))
  }
  for (const m of source.matchAll(HEX)) {
    const bytes = hexBytes(m[1]!)
    if (bytes !== null && bytes.length > 0) out.push(bytes)
  }
  return out
}

function unescapeText(text: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!
    if (c !== '\\') {
      bytes.push(text.charCodeAt(i) & 0xff)
      continue
    }
    const e = text[i + 1]
    i += 1
    if (e === 'n') bytes.push(10)
    else if (e === 't') bytes.push(9)
    else if (e === 'r') bytes.push(13)
    else if (e === 'x') {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16) || 0)
      i += 2
    } else bytes.push((e ?? '\\').charCodeAt(0))
  }
  return Buffer.from(bytes)
}

/** Hex string tokens to bytes; null when it holds something this reader does not handle. */
function hexBytes(body: string): Buffer | null {
  const clean = body.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')
  // Keep the first alternative of each (a | b) group.
  const flat = clean.replace(/\(([^()|]*)(\|[^()]*)?\)/g, '$1')
  const bytes: number[] = []
  for (const token of flat.match(/\[[^\]]*\]|[0-9A-Fa-f?~]{2,3}|\S/g) ?? []) {
    if (token.startsWith('[')) {
      const min = Number.parseInt(token.slice(1), 10)
      for (let i = 0; i < (Number.isNaN(min) ? 0 : min); i += 1) bytes.push(0)
    } else if (/^[0-9A-Fa-f]{2}$/.test(token)) bytes.push(Number.parseInt(token, 16))
    else if (/^[0-9A-Fa-f?]{2}$/.test(token))
      bytes.push(Number.parseInt(token.replace(/\?/g, '0'), 16))
    else return null
  }
  return Buffer.from(bytes)
}
