import { describe, expect, it } from 'vitest'
import {
  formatCount,
  formatDuration,
  formatSize,
  formatSizeExact,
  formatUtc,
  formatUtcSeconds,
  percent,
  shortHash,
} from '../../../renderer/lib/format'

describe('format', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1_572_864, '1.5 MiB'],
    [256 * 1024 * 1024, '256.0 MiB'],
    [2 * 1024 ** 4, '2.0 TiB'],
    [-1, '—'],
  ])('formatSize(%d)', (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected)
  })

  it('formatSizeExact adds the byte count', () => {
    expect(formatSizeExact(1_572_864)).toBe('1.5 MiB (1,572,864 bytes)')
    expect(formatSizeExact(12)).toBe('12 bytes')
  })

  it.each([
    [0, '0 s'],
    [0.4, '<1 s'],
    [42, '42 s'],
    [185, '3 min 05 s'],
    [120, '2 min'],
    [3720, '1 h 02 min'],
    [Number.NaN, '—'],
  ])('formatDuration(%d)', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected)
  })

  it.each([
    ['2024-04-30T08:15:30.123456789Z', '2024-04-30 08:15:30.123456789 UTC'],
    ['2024-04-30T08:15:30Z', '2024-04-30 08:15:30 UTC'],
    ['2024-04-30T08:15:30+00:00', '2024-04-30 08:15:30 UTC'],
    ['2024-04-30T10:15:30.5+02:00', '2024-04-30 08:15:30.500 UTC'],
    ['yesterday', 'yesterday (unparsed)'],
    [null, '—'],
  ])('formatUtc(%j)', (iso, expected) => {
    expect(formatUtc(iso)).toBe(expected)
  })

  it('shortens hashes and counts', () => {
    expect(shortHash('e3b0c44298fc1c149afb')).toBe('e3b0c44298fc…')
    expect(shortHash('abc')).toBe('abc')
    expect(formatCount(1234567)).toBe('1,234,567')
  })

  it.each([
    [0, 0, null],
    [1, 4, 25],
    [5, 4, 100],
  ])('percent(%d, %d)', (done, total, expected) => {
    expect(percent(done, total)).toBe(expected)
  })

  it.each([
    ['2024-05-02T10:00:00.1234567Z', '2024-05-02 10:00:00 UTC'],
    ['2024-05-02T10:00:00Z', '2024-05-02 10:00:00 UTC'],
    [null, '—'],
    ['junk', 'junk (unparsed)'],
  ])('formatUtcSeconds(%j)', (iso, expected) => {
    expect(formatUtcSeconds(iso)).toBe(expected)
  })
})
