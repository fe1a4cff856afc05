import { describe, expect, it } from 'vitest'
import {
  escapeByteSegments,
  escapeBytes,
  formatOffset,
  hexDump,
  hexDumpLines,
  hexOffset,
  parseHex,
} from '../../../renderer/lib/bytes'

const bytes = (...values: number[]) => Uint8Array.from(values)

describe('parseHex', () => {
  it.each([
    ['', []],
    ['00', [0]],
    ['4d5a', [0x4d, 0x5a]],
    ['FFfe', [0xff, 0xfe]],
  ])('parses %j', (hex, expected) => {
    expect(Array.from(parseHex(hex) ?? [])).toEqual(expected)
  })

  it.each([['0'], ['zz'], ['4d5'], ['4d 5a'], ['0x4d']])('rejects %j', (hex) => {
    expect(parseHex(hex)).toBeNull()
  })
})

describe('escapeBytes', () => {
  it.each([
    ['printable ASCII as is', bytes(0x41, 0x20, 0x7e), 'A ~'],
    ['NUL', bytes(0x00), '\\x00'],
    ['newline and tab', bytes(0x0a, 0x09), '\\x0A\\x09'],
    ['DEL', bytes(0x7f), '\\x7F'],
    ['high bytes', bytes(0x80, 0xff), '\\x80\\xFF'],
    ['UTF-8 of U+202E (RLO)', bytes(0xe2, 0x80, 0xae), '\\xE2\\x80\\xAE'],
    ['markup stays text', bytes(0x3c, 0x62, 0x3e), '<b>'],
    ['backslash as is', bytes(0x5c), '\\'],
    ['empty', bytes(), ''],
  ])('%s', (_name, input, expected) => {
    expect(escapeBytes(input)).toBe(expected)
  })

  it('splits runs of plain text and escapes', () => {
    expect(escapeByteSegments(bytes(0x41, 0x42, 0x00, 0x43))).toEqual([
      { kind: 'plain', text: 'AB' },
      { kind: 'escape', text: '\\x00' },
      { kind: 'plain', text: 'C' },
    ])
  })
})

describe('offsets', () => {
  it.each([
    [0, '00000000', '0 (0x0)'],
    [4660, '00001234', '4,660 (0x1234)'],
    [0x1_0000_0000, '100000000', '4,294,967,296 (0x100000000)'],
  ])('%d', (offset, hex, both) => {
    expect(hexOffset(offset)).toBe(hex)
    expect(formatOffset(offset)).toBe(both)
  })
})

describe('hexDump', () => {
  it('is empty for no bytes', () => {
    expect(hexDump(bytes())).toEqual([])
  })

  it('pads a short row to 16 columns (48 characters), non-printables as dots', () => {
    expect(hexDump(bytes(0x4d, 0x5a, 0x00, 0x0a))).toEqual([
      {
        offset: '00000000',
        hex: '4d 5a 00 0a'.padEnd(48),
        ascii: 'MZ..',
      },
    ])
  })

  it('wraps at 16 bytes and counts offsets from the base', () => {
    const input = Uint8Array.from({ length: 17 }, (_, i) => 0x41 + i)
    const rows = hexDump(input, 0x1230)
    expect(rows.map((r) => r.offset)).toEqual(['00001230', '00001240'])
    expect(rows[0]!.hex).toBe('41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50')
    expect(rows[0]!.ascii).toBe('ABCDEFGHIJKLMNOP')
    expect(rows[1]!.ascii).toBe('Q')
  })

  it('renders lines with the ASCII gutter, never a raw control or bidi byte', () => {
    const [line] = hexDumpLines(bytes(0x3c, 0xe2, 0x80, 0xae, 0x00, 0x3e))
    expect(line).toBe(`00000000  ${'3c e2 80 ae 00 3e'.padEnd(48)}  |<....>|`)
  })
})
