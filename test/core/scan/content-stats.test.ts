import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  ByteHistogram,
  ContentStats,
  shannonEntropy,
} from '../../../main/core/scan/analysis/content-stats'

function naiveCounts(data: Uint8Array): number[] {
  const counts = new Array<number>(256).fill(0)
  for (const b of data) counts[b] = (counts[b] ?? 0) + 1
  return counts
}

describe('content statistics', () => {
  it('counts bytes exactly for every alignment and length', () => {
    const data = randomBytes(1031)
    for (let start = 0; start < 8; start += 1) {
      for (const length of [0, 1, 2, 3, 4, 5, 7, 8, 9, 100, 1000]) {
        const slice = data.subarray(start, start + length)
        const histogram = new ByteHistogram()
        histogram.add(slice)
        expect([...histogram.totals()], `start ${start} length ${length}`).toEqual(
          naiveCounts(slice),
        )
      }
    }
  })

  it('adds up chunks fed one after the other', () => {
    const data = randomBytes(10_000)
    const whole = new ContentStats()
    whole.update(data)
    const parts = new ContentStats()
    for (let at = 0; at < data.length; at += 777) parts.update(data.subarray(at, at + 777))
    expect(parts.finish()).toEqual(whole.finish())
  })

  it('gives the standard digests', () => {
    const stats = new ContentStats()
    stats.update(Buffer.from('abc'))
    const result = stats.finish()
    expect(result.md5).toBe(createHash('md5').update('abc').digest('hex'))
    expect(result.sha1).toBe('a9993e364706816aba3e25717850c26c9cd0d89d')
    expect(result.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(result.bytes).toBe(3)
  })

  it.each([
    ['empty', Buffer.alloc(0), 0],
    ['one value', Buffer.alloc(100, 7), 0],
    ['two values, even', Buffer.from([0, 1, 0, 1]), 1],
    ['all 256 values, even', Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)), 8],
  ])('entropy of %s', (_label, data, expected) => {
    const counts = naiveCounts(data)
    expect(shannonEntropy(counts, data.length)).toBe(expected)
  })
})
