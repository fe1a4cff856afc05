import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { followChain } from '../../../main/core/filesystems/cluster-chain'
import type { ChainStep, ClusterLinks } from '../../../main/core/filesystems/cluster-chain'
import { recoverDeleted } from '../../../main/core/filesystems/cluster-runs'
import { FreeClustersBuilder } from '../../../main/core/filesystems/free-clusters'
import type { FreeClusters } from '../../../main/core/filesystems/free-clusters'

/** A FAT in memory: `links[c]` is the value of cluster c (0 free, -1 end of chain). */
function table(links: readonly number[]): ClusterLinks & { steps: number } {
  const fat = {
    steps: 0,
    step(cluster: number): Promise<ChainStep> {
      fat.steps += 1
      const value = links[cluster]
      if (value === undefined || value >= links.length) return Promise.resolve({ end: 'invalid' })
      if (value === -1) return Promise.resolve({ end: 'eof' })
      if (value === 0) return Promise.resolve({ end: 'free' })
      return Promise.resolve({ next: value })
    },
  }
  return fat
}

/** The obvious follower, with a set of seen clusters, to compare with. */
function naive(links: readonly number[], first: number, limit: number): number[] {
  const out: number[] = []
  const seen = new Set<number>()
  for (let c: number | undefined = first; c !== undefined && out.length < limit && !seen.has(c);) {
    out.push(c)
    seen.add(c)
    const v: number | undefined = links[c]
    c = v === undefined || v <= 0 || v >= links.length ? undefined : v
  }
  return out
}

function expand(ranges: readonly { first: number; count: number }[]): number[] {
  return ranges.flatMap((r) => Array.from({ length: r.count }, (_, i) => r.first + i))
}

describe('followChain', () => {
  it.each([
    ['a normal chain', [0, 0, 3, 4, -1], 2, 10, [2, 3, 4], 'eof'],
    ['a chain cut by the size', [0, 0, 3, 4, -1], 2, 2, [2, 3], 'limit'],
    ['a cluster pointing at itself', [0, 0, 2], 2, 100, [2], 'loop'],
    ['a loop after a tail', [0, 0, 3, 4, 5, 3], 2, 100, [2, 3, 4, 5], 'loop'],
    ['a link to a free cluster', [0, 0, 3, 0], 2, 10, [2, 3], 'free'],
    ['a link outside the table', [0, 0, 9], 2, 10, [2], 'invalid'],
  ])('follows %s', async (_what, links, first, limit, clusters, end) => {
    const chain = await followChain(table(links), first, limit)

    expect(expand(chain.ranges)).toEqual(clusters)
    expect(chain.end).toBe(end)
  })

  it('merges consecutive clusters into ranges', async () => {
    const chain = await followChain(table([0, 0, 3, 4, 8, 0, 0, 0, 9, -1]), 2, 10)

    expect(chain.ranges).toEqual([
      { first: 2, count: 3 },
      { first: 8, count: 2 },
    ])
  })

  it('on any table, gives the distinct prefix of the chain in O(limit) steps', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -1, max: 40 }), { minLength: 3, maxLength: 40 }),
        fc.integer({ min: 2, max: 39 }),
        fc.integer({ min: 1, max: 60 }),
        async (links, start, limit) => {
          const first = Math.min(start, links.length - 1)
          const fat = table(links)

          const chain = await followChain(fat, first, limit)

          expect(expand(chain.ranges)).toEqual(naive(links, first, limit))
          expect(fat.steps).toBeLessThanOrEqual(8 * limit + 8)
        },
      ),
    )
  })
})

describe('recoverDeleted (TSK rule)', () => {
  const geometry = { heapOffset: 1000, clusterSize: 100, lastCluster: 20 }
  /** Free clusters: every cluster of 2..20 not in `used`. */
  const free = (used: readonly number[]): FreeClusters => {
    const builder = new FreeClustersBuilder()
    for (let c = 2; c <= 20; c += 1) builder.mark(c, !used.includes(c))
    return builder.finish(21)
  }

  it('takes free clusters from the first one, skipping allocated ones', () => {
    expect(recoverDeleted(geometry, free([4]), 2, 350)).toEqual({
      recoverable: true,
      runs: [
        { offset: 1000, length: 200 },
        { offset: 1300, length: 150 },
      ],
    })
  })

  it('gives the first cluster only when it is allocated again', () => {
    expect(recoverDeleted(geometry, free([2]), 2, 350)).toEqual({
      recoverable: false,
      runs: [{ offset: 1000, length: 100 }],
    })
  })

  it('gives the first cluster only when the free clusters run out', () => {
    expect(recoverDeleted(geometry, free([19, 20]), 17, 500)).toEqual({
      recoverable: false,
      runs: [{ offset: 2500, length: 100 }],
    })
  })

  it('recovers nothing from a cluster outside the heap or without allocation data, and an empty file fully', () => {
    expect(recoverDeleted(geometry, free([]), 99, 10)).toEqual({ recoverable: false, runs: [] })
    expect(recoverDeleted(geometry, null, 2, 10)).toEqual({
      recoverable: false,
      runs: [{ offset: 1000, length: 10 }],
    })
    expect(recoverDeleted(geometry, free([]), 0, 0)).toEqual({ recoverable: true, runs: [] })
  })
})

describe('FreeClusters', () => {
  it('answers like the clusters it was built from', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 200 }),
        fc.nat({ max: 210 }),
        fc.nat({ max: 50 }),
        (bits, from, count) => {
          const builder = new FreeClustersBuilder()
          bits.forEach((isFree, i) => {
            builder.mark(i + 2, isFree)
          })
          const set = builder.finish(bits.length + 2)
          const wanted = bits
            .map((isFree, i) => (isFree && i + 2 >= from ? i + 2 : -1))
            .filter((c) => c >= 0)

          const taken = set.take(from, count, 1000)

          expect(bits.map((_, i) => set.isFree(i + 2))).toEqual(bits)
          expect(taken === null ? null : expand(taken)).toEqual(
            wanted.length >= count ? wanted.slice(0, count) : null,
          )
        },
      ),
    )
  })
})
