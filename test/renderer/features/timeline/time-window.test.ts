import { describe, expect, it } from 'vitest'
import {
  MIN_SPAN_MS,
  axisTicks,
  panWindow,
  paddedWindow,
  positionIn,
  spanText,
  windowBounds,
  zoomWindow,
} from '../../../../renderer/features/timeline/time-window'

const HOUR = 3_600_000
const T0 = Date.parse('2024-03-01T00:00:00Z')

describe('time windows', () => {
  it('zooms about the middle or a chosen time, within the span limits', () => {
    const w = { from: T0, to: T0 + 4 * HOUR }
    expect(zoomWindow(w, 2)).toEqual({ from: T0 + HOUR, to: T0 + 3 * HOUR })
    expect(zoomWindow(w, 2, T0)).toEqual({ from: T0, to: T0 + 2 * HOUR })
    expect(zoomWindow(w, 0.5)).toEqual({ from: T0 - 2 * HOUR, to: T0 + 6 * HOUR })
    const narrow = zoomWindow({ from: T0, to: T0 + 1500 }, 8)
    expect(narrow.to - narrow.from).toBe(MIN_SPAN_MS)
  })

  it('pans by a fraction of the span and places times in it', () => {
    const w = { from: T0, to: T0 + 4 * HOUR }
    expect(panWindow(w, 0.25)).toEqual({ from: T0 + HOUR, to: T0 + 5 * HOUR })
    expect(positionIn(w, T0 + HOUR)).toBe(0.25)
  })

  it('pads a range, and writes bounds the API takes, old NTFS times included', () => {
    expect(paddedWindow(T0, T0)).toEqual({ from: T0 - HOUR / 2, to: T0 + HOUR / 2 })
    const ntfs = Date.parse('1601-01-01T00:00:00Z')
    expect(windowBounds({ from: ntfs, to: T0 })).toEqual({
      from: '1601-01-01T00:00:00.000Z',
      to: '2024-03-01T00:00:00.000Z',
    })
    expect(windowBounds({ from: -1e20, to: 1e20 }).from).toBe('0001-01-01T00:00:00.000Z')
  })

  it('labels axis ticks by their step and spans in words', () => {
    expect(axisTicks({ from: T0, to: T0 + 4 * HOUR }).map((t) => t.label)).toEqual([
      '03-01 00:00',
      '03-01 01:00',
      '03-01 02:00',
      '03-01 03:00',
      '03-01 04:00',
    ])
    const years = axisTicks({ from: T0, to: T0 + 3 * 365 * 24 * HOUR })
    expect(years.map((t) => t.label)).toEqual(['2025', '2026', '2027'])
    expect(years[0]?.ms).toBe(Date.parse('2025-01-01T00:00:00Z'))
    expect(spanText(90_000)).toBe('90 s')
    expect(spanText(5 * HOUR)).toBe('5 h')
    expect(spanText(10 * 24 * HOUR)).toBe('10 days')
  })
})
