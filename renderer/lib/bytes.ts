/**
 * Pure formatting of matched bytes for the finding detail view: escaped text and hex dump.
 *
 * Nothing here touches the DOM; the output is plain ASCII, safe to render as text.
 */

/** One run of an escaped byte string: printable ASCII as is, or the `\xNN` of one byte. */
export interface ByteSegment {
  readonly kind: 'plain' | 'escape'
  readonly text: string
}

/** One row of a hex dump. */
export interface HexDumpRow {
  /** Offset of the row's first byte, as hex (at least 8 digits). */
  readonly offset: string
  /** The row's bytes as lower-case hex pairs, an extra space after the eighth, padded to 16. */
  readonly hex: string
  /** The row's bytes as printable ASCII, `.` for every other byte. */
  readonly ascii: string
}

/** Bytes per hex-dump row. */
export const HEX_DUMP_WIDTH = 16

/**
 * Parse a hex string (as `MatchView.excerptHex` carries it) into bytes.
 *
 * Returns null when the string is not an even number of hex digits: the view then says the
 * excerpt is unreadable instead of guessing.
 */
export function parseHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  }
  return bytes
}

/** True for printable ASCII (space to tilde). */
export function isPrintableAscii(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x7e
}

/** The `\xNN` escape of one byte (upper-case hex). */
export function escapeByte(byte: number): string {
  return `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`
}

/**
 * Split bytes into printable-ASCII runs and `\xNN` escapes.
 *
 * Every byte outside 0x20–0x7E is escaped, so no control character, no byte of a UTF-8 bidi
 * override and no NUL ever reaches the screen raw.
 */
export function escapeByteSegments(bytes: Uint8Array): readonly ByteSegment[] {
  const segments: ByteSegment[] = []
  let plain = ''
  for (const byte of bytes) {
    if (isPrintableAscii(byte)) {
      plain += String.fromCharCode(byte)
      continue
    }
    if (plain !== '') segments.push({ kind: 'plain', text: plain })
    plain = ''
    segments.push({ kind: 'escape', text: escapeByte(byte) })
  }
  if (plain !== '') segments.push({ kind: 'plain', text: plain })
  return segments
}

/** The bytes as one escaped string (see {@link escapeByteSegments}). */
export function escapeBytes(bytes: Uint8Array): string {
  return escapeByteSegments(bytes)
    .map((s) => s.text)
    .join('')
}

/**
 * A hex offset, zero-padded to at least 8 digits.
 *
 * Offsets above 4 GiB simply get more digits.
 */
export function hexOffset(offset: number): string {
  return offset.toString(16).padStart(8, '0')
}

/**
 * An offset as decimal and hex, the way the detail view labels a match: `1234 (0x4d2)`.
 */
export function formatOffset(offset: number): string {
  return `${offset.toLocaleString('en-US')} (0x${offset.toString(16)})`
}

/**
 * The classic hex dump of `bytes`: 16 bytes a row, offsets counted from `baseOffset` (the
 * match's offset in the file, so the column shows file offsets).
 */
export function hexDump(bytes: Uint8Array, baseOffset = 0): readonly HexDumpRow[] {
  const rows: HexDumpRow[] = []
  for (let start = 0; start < bytes.length; start += HEX_DUMP_WIDTH) {
    const chunk = bytes.subarray(start, start + HEX_DUMP_WIDTH)
    rows.push({
      offset: hexOffset(baseOffset + start),
      hex: hexPairs(chunk),
      ascii: Array.from(chunk, (b) => (isPrintableAscii(b) ? String.fromCharCode(b) : '.')).join(
        '',
      ),
    })
  }
  return rows
}

/** A hex dump as text lines: `offset  hex  |ascii|`. */
export function hexDumpLines(bytes: Uint8Array, baseOffset = 0): readonly string[] {
  return hexDump(bytes, baseOffset).map((row) => `${row.offset}  ${row.hex}  |${row.ascii}|`)
}

function hexPairs(chunk: Uint8Array): string {
  const cells: string[] = []
  for (let i = 0; i < HEX_DUMP_WIDTH; i++) {
    const byte = chunk[i]
    cells.push(byte === undefined ? '  ' : byte.toString(16).padStart(2, '0'))
  }
  return `${cells.slice(0, 8).join(' ')}  ${cells.slice(8).join(' ')}`
}
