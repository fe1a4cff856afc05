import { describe, expect, it } from 'vitest'
import {
  asciiCells,
  hexCells,
  offsetLabel,
  parseOffset,
  rowCount,
  runsOf,
  utf16Cells,
} from '../../../renderer/components/hex/hex-rows'

describe('hex view rows', () => {
  it.each([
    ['0x1f40', 8000],
    ['0X1F40', 8000],
    ['1f40h', 8000],
    ['8000', 8000],
    [' 8,000 ', 8000],
    ['0x_10', 16],
    ['0', 0],
    ['-1', null],
    ['0x', null],
    ['12ab', null],
    ['1e3', null],
    ['0x20000000000000', null],
  ])('reads the offset %j as %j', (text, expected) => {
    expect(parseOffset(text)).toBe(expected)
  })

  it('counts rows and labels offsets', () => {
    expect(rowCount(0)).toBe(1)
    expect(rowCount(16)).toBe(1)
    expect(rowCount(17)).toBe(2)
    expect(offsetLabel(0x1234)).toBe('00001234')
    expect(offsetLabel(0x123456789)).toBe('123456789')
  })

  it('marks exactly the highlighted bytes, the separators between runs left plain', () => {
    const cells = hexCells([0x41, 0x42, 0x43, 0x44, undefined])
    expect(runsOf(cells, 0x100, 1, [{ offset: 0x101, length: 2 }], ' ')).toEqual([
      { text: '41 ', highlight: null },
      { text: '42 43', highlight: 0 },
      { text: ' 44 ??', highlight: null },
    ])
    // Two highlights side by side stay two marks.
    expect(
      runsOf(
        asciiCells([0x41, 0x00, 0x43]),
        0,
        1,
        [
          { offset: 0, length: 1 },
          { offset: 1, length: 2 },
        ],
        '',
      ),
    ).toEqual([
      { text: 'A', highlight: 0 },
      { text: '.C', highlight: 1 },
    ])
  })

  it('reads UTF-16LE pairs, showing controls, bidi, combining marks and surrogates as dots', () => {
    const bytes = [0x41, 0x00, 0x2e, 0x20, 0x00, 0x00, 0x01, 0x03, 0x3d, 0xd8, 0xe9, 0x00, 0x42]
    expect(utf16Cells(bytes)).toEqual(['A', '.', '.', '.', '.', 'é', '.'])
    expect(utf16Cells([0x41, undefined])).toEqual(['.'])
  })
})
