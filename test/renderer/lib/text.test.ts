import { describe, expect, it } from 'vitest'
import {
  escapeCodePoint,
  escapeText,
  escapeTextSegments,
  isHiddenCodePoint,
  truncateText,
} from '../../../renderer/lib/text'

describe('escapeText', () => {
  it.each([
    ['plain text', 'report.pdf', 'report.pdf'],
    ['markup stays as text', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['RLO', 'invoice\u202Efdp.exe', 'invoice\\u202Efdp.exe'],
    ['LRI/PDI isolates', 'a\u2066b\u2069', 'a\\u2066b\\u2069'],
    ['NUL', 'a\u0000b', 'a\\x00b'],
    ['newline, tab, ESC', 'a\nb\tc\u001b', 'a\\x0Ab\\x09c\\x1B'],
    ['DEL and C1', '\u007f\u0085', '\\x7F\\x85'],
    ['zero-width space and BOM', '\u200b\ufeff', '\\u200B\\uFEFF'],
    ['line separator', '\u2028', '\\u2028'],
    ['lone surrogate', 'a\ud800b', 'a\\uD800b'],
    ['astral tag character', 'x\u{E0041}', 'x\\u{E0041}'],
    ['non-Latin text kept', 'Отчёт 報告 😀', 'Отчёт 報告 😀'],
    ['Windows path kept', 'C:\\Users\\a', 'C:\\Users\\a'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected)
  })

  it('marks escapes apart from plain runs', () => {
    expect(escapeTextSegments('a\u202Eb')).toEqual([
      { kind: 'plain', text: 'a' },
      { kind: 'escape', text: '\\u202E' },
      { kind: 'plain', text: 'b' },
    ])
  })
})

describe('isHiddenCodePoint / escapeCodePoint', () => {
  it.each([
    [0x00, true, '\\x00'],
    [0x20, false, '\\x20'],
    [0x61c, true, '\\u061C'],
    [0x200e, true, '\\u200E'],
    [0x202e, true, '\\u202E'],
    [0x41, false, '\\x41'],
    [0x1f600, false, '\\u{1F600}'],
  ])('U+%s', (cp, hidden, escape) => {
    expect(isHiddenCodePoint(cp)).toBe(hidden)
    expect(escapeCodePoint(cp)).toBe(escape)
  })
})

describe('truncateText', () => {
  it.each([
    ['short text untouched', 'abc', 5, 'abc', 0],
    ['cut with the rest counted', 'abcdef', 4, 'abcd', 2],
    ['never splits a surrogate pair', 'a😀b', 2, 'a', 3],
  ])('%s', (_name, input, max, text, omitted) => {
    expect(truncateText(input, max)).toEqual({ text, omitted })
  })
})
