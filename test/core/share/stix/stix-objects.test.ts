import { describe, expect, it } from 'vitest'
import {
  compareStixTime,
  isStixTimestamp,
  toStixTime,
  typeOfId,
  uuidOfId,
} from '../../../../main/core/share/stix/stix-objects'

describe('isStixTimestamp', () => {
  it.each([
    ['2025-03-14T09:41:07.512Z', true],
    ['2025-03-14T09:41:07Z', true],
    ['2025-03-10T08:00:00.123456789Z', true],
    ['2024-02-29T00:00:00.000Z', true],
    ['2016-12-31T23:59:60Z', true],
    ['2025-02-29T00:00:00.000Z', false],
    ['2025-04-31T00:00:00.000Z', false],
    ['2025-03-14T24:00:00.000Z', false],
    ['2025-03-14T09:41:07.512+00:00', false],
    ['2025-03-14 09:41:07Z', false],
    [20250314, false],
  ])('%s → %s', (value, expected) => {
    expect(isStixTimestamp(value)).toBe(expected)
  })
})

describe('toStixTime', () => {
  it.each([
    ['2025-03-14T09:41:07Z', '2025-03-14T09:41:07.000Z'],
    ['2025-03-14T09:41:07.5Z', '2025-03-14T09:41:07.500Z'],
    ['2025-03-10T08:00:00.123956789Z', '2025-03-10T08:00:00.123Z'],
    ['yesterday', null],
    [null, null],
  ])('%s → %s', (value, expected) => {
    expect(toStixTime(value)).toBe(expected)
  })
})

describe('compareStixTime', () => {
  it('compares instants, not strings', () => {
    expect(compareStixTime('2025-03-14T09:41:07.5Z', '2025-03-14T09:41:07.499Z')).toBeGreaterThan(0)
    expect(compareStixTime('2025-03-14T09:41:07Z', '2025-03-14T09:41:07.000Z')).toBe(0)
    expect(compareStixTime('2025-03-14T09:41:06.9Z', '2025-03-14T09:41:07Z')).toBeLessThan(0)
  })
})

describe('STIX id parts', () => {
  it('splits type and uuid', () => {
    const id = 'observed-data--470af380-8bc5-470e-b962-91fc51757cfb'

    expect(typeOfId(id)).toBe('observed-data')
    expect(uuidOfId(id)).toBe('470af380-8bc5-470e-b962-91fc51757cfb')
  })
})
