import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utcSecondsText } from '../../../main/core/filesystems/utc-text'

const viaDate = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 19)

describe('utcSecondsText', () => {
  it('writes what Date.toISOString writes, for every second of years 0–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200, max: 253_402_300_799 }), (seconds) => {
        expect(utcSecondsText(seconds)).toBe(viaDate(seconds))
      }),
      { numRuns: 20_000 },
    )
  })

  it.each([
    [0, '1970-01-01T00:00:00'],
    [-1, '1969-12-31T23:59:59'],
    [-11_644_473_600, '1601-01-01T00:00:00'],
    [951_782_400, '2000-02-29T00:00:00'],
    [4_107_542_400, '2100-03-01T00:00:00'],
    [253_402_300_799, '9999-12-31T23:59:59'],
  ])('%d → %s (epochs, leap days, the last second)', (seconds, text) => {
    expect(utcSecondsText(seconds)).toBe(text)
    expect(utcSecondsText(seconds)).toBe(viaDate(seconds))
  })

  it('gives null outside years 0–9999 and for fractions', () => {
    expect(utcSecondsText(253_402_300_800)).toBeNull()
    expect(utcSecondsText(-62_167_219_201)).toBeNull()
    expect(utcSecondsText(1.5)).toBeNull()
    expect(utcSecondsText(Number.NaN)).toBeNull()
  })
})
