import { describe, expect, it } from 'vitest'
import { compactRanges, parseIdRanges } from '../../../main/core/model/id-ranges'

describe('id ranges', () => {
  it('compacts ids into ascending ranges, whatever their order and duplicates', () => {
    expect(compactRanges([52, 3, 1, 2, 2, 40, 39])).toBe('1-3,39-40,52')
    expect(compactRanges([7])).toBe('7')
    expect(compactRanges([])).toBe('')
    expect(compactRanges(Array.from({ length: 100_000 }, (_, i) => i + 1))).toBe('1-100000')
  })

  it('parses ids and ranges, and round-trips with compactRanges', () => {
    expect(parseIdRanges('1,2,5-9')).toEqual([1, 2, 5, 6, 7, 8, 9])
    expect(parseIdRanges(' 9 , 3-4,3 ')).toEqual([3, 4, 9])
    expect(compactRanges(parseIdRanges('1-3,39-40,52'))).toBe('1-3,39-40,52')
  })

  it('refuses what is not an id list, naming the part', () => {
    expect(() => parseIdRanges('1,x')).toThrow(/"x" is not an id or a range/)
    expect(() => parseIdRanges('')).toThrow(/is not an id/)
    expect(() => parseIdRanges('9-3')).toThrow(/"9-3" is not a valid range/)
    expect(() => parseIdRanges('0')).toThrow(/ids start at 1/)
    expect(() => parseIdRanges('1-100001')).toThrow(/At most 100,000 ids/)
  })
})
