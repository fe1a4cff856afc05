import { describe, expect, it } from 'vitest'
import { dosTimestamp, exfatOffsetMinutes } from '../../../main/core/filesystems/dos-time'
import { runsSource } from '../../../main/core/filesystems/runs-source'
import { AppError } from '../../../main/core/model/errors'
import { bufferSource } from '../../helpers/file-source'

const parent = bufferSource(Buffer.from('0123456789abcdefghij'))

describe('runsSource', () => {
  const source = runsSource(parent, [
    { offset: 10, length: 4 },
    { offset: null, length: 3 },
    { offset: 2, length: 3 },
  ])

  it.each([
    [0, 10, 'abcd\x00\x00\x00234'],
    [2, 4, 'cd\x00\x00'],
    [6, 2, '\x002'],
    [9, 5, '4'],
    [10, 5, ''],
  ])('reads %i..+%i across runs and holes', async (offset, length, text) => {
    expect((await source.read(offset, length)).toString('latin1')).toBe(text)
  })

  it('is as long as its runs', () => {
    expect(source.size).toBe(10)
  })

  it('refuses a run past the end of its parent instead of inventing bytes', async () => {
    const cut = runsSource(parent, [{ offset: 18, length: 5 }])

    await expect(cut.read(0, 5)).rejects.toBeInstanceOf(AppError)
  })
})

describe('dosTimestamp', () => {
  it.each([
    [0x3c21, 0x0000, 0, 0, '2010-01-01T00:00:00Z'],
    [0x3c21, 0x9301, 0, 0, '2010-01-01T18:24:02Z'],
    [0x3c21, 0x9301, 150, 0, '2010-01-01T18:24:03.500Z'],
    [0x3c21, 0x0000, 0, 120, '2009-12-31T22:00:00Z'],
    [0x0000, 0x9301, 0, 0, null],
    [0x3da1, 0x0000, 0, 0, null],
    [0x3c21, 0xc000, 0, 0, null],
  ])('DOS date %i, time %i, +%i×10 ms, offset %i min → %s', (date, time, tenMs, offset, iso) => {
    expect(dosTimestamp(date, time, tenMs, offset)).toBe(iso)
  })

  it.each([
    [0x00, null],
    [0x80, 0],
    [0x84, 60],
    [0xfc, -60],
  ])('exFAT offset byte %i is %s minutes', (byte, minutes) => {
    expect(exfatOffsetMinutes(byte)).toBe(minutes)
  })
})
