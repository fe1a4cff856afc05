/** Where one pattern of the expected rule must match in a planted positive. */
export interface ExpectedMatch {
  readonly rule: string
  readonly identifier: string
  readonly offset: number
}

/**
 * One planted evidence file.
 *
 * `rule` is the rule the sample exercises: a positive (`expect` set) must make it match with
 * `expect.identifier` at `expect.offset`; a near-miss negative (`expect` null) must make no
 * rule of the pack match.
 */
export interface PlantedSample {
  readonly relPath: string
  readonly rule: string
  readonly content: Buffer
  readonly expect: ExpectedMatch | null
}

/**
 * Join fragments into one string.
 *
 * Samples assemble every tell-tale string from pieces at run time so that no committed file
 * holds a live-looking malware string (or the EICAR string) that would trip the anti-virus of
 * whoever clones the repository.
 */
export function j(...parts: readonly string[]): string {
  return parts.join('')
}

/** The bytes of a string as UTF-8 (plain ASCII in practice). */
export function ascii(text: string): Buffer {
  return Buffer.from(text, 'utf8')
}

/** The bytes of a string as UTF-16LE, the "wide" strings of Windows binaries. */
export function wide(text: string): Buffer {
  return Buffer.from(text, 'utf16le')
}

/** Little-endian integer fields, written in order: `[value, byteCount]`. */
export function le(...fields: readonly (readonly [number, 1 | 2 | 4 | 8])[]): Buffer {
  return Buffer.concat(
    fields.map(([value, size]) => {
      const buffer = Buffer.alloc(size)
      if (size === 8) buffer.writeBigUInt64LE(BigInt(value))
      else buffer.writeUIntLE(value, 0, size)
      return buffer
    }),
  )
}

/** `data` padded with zero bytes (or cut) to exactly `size` bytes. */
export function padTo(data: Buffer, size: number): Buffer {
  const out = Buffer.alloc(size)
  data.copy(out, 0, 0, Math.min(size, data.length))
  return out
}

/** Deterministic filler bytes (xorshift32), so binary samples are the same on every run. */
export function fillerBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length)
  let state = seed >>> 0 || 1
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    out[i] = state & 0xff
  }
  return out
}

/**
 * A positive sample: `rule` must match with `identifier` at the offset of `marker`.
 *
 * @throws Error when `marker` is not in `content`: the sample itself is wrong (a bug).
 */
export function positive(
  rule: string,
  identifier: string,
  relPath: string,
  content: Buffer,
  marker: Buffer | string,
): PlantedSample {
  const offset = content.indexOf(marker)
  if (offset < 0) throw new Error(`planted sample ${relPath}: marker not found`)
  return { relPath, rule, content, expect: { rule, identifier, offset } }
}

/** A near-miss negative for `rule`: no rule of the pack may match it. */
export function negative(rule: string, relPath: string, content: Buffer): PlantedSample {
  return { relPath, rule, content, expect: null }
}

/** Text lines joined with CRLF, the way Windows scripts are saved. */
export function crlf(...lines: readonly string[]): Buffer {
  return ascii(`${lines.join('\r\n')}\r\n`)
}

/** Text lines joined with LF. */
export function lf(...lines: readonly string[]): Buffer {
  return ascii(`${lines.join('\n')}\n`)
}
