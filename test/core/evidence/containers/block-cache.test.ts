import { describe, expect, it } from 'vitest'
import { BlockCache } from '../../../../main/core/evidence/containers/block-cache'

function loader(calls: string[], key: string, size: number): () => Promise<Buffer> {
  return () => {
    calls.push(key)
    return Promise.resolve(Buffer.alloc(size))
  }
}

describe('BlockCache', () => {
  it('keeps at most its budget, evicting the least recently used', async () => {
    const calls: string[] = []
    const cache = new BlockCache(3000)
    await cache.get('a', loader(calls, 'a', 1000))
    await cache.get('b', loader(calls, 'b', 1000))
    await cache.get('c', loader(calls, 'c', 1000))
    await cache.get('a', loader(calls, 'a', 1000))
    await cache.get('d', loader(calls, 'd', 1000))
    expect(cache.bytes).toBe(3000)
    await cache.get('a', loader(calls, 'a', 1000))
    await cache.get('b', loader(calls, 'b', 1000))
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'b'])
  })

  it('loads a key once for concurrent requests', async () => {
    const calls: string[] = []
    const cache = new BlockCache(10_000)
    const results = await Promise.all([1, 2, 3].map(() => cache.get('k', loader(calls, 'k', 10))))
    expect(calls).toEqual(['k'])
    expect(results[0]).toBe(results[2])
  })

  it('returns but never keeps a buffer larger than the budget', async () => {
    const calls: string[] = []
    const cache = new BlockCache(100)
    await cache.get('big', loader(calls, 'big', 1000))
    await cache.get('big', loader(calls, 'big', 1000))
    expect(calls).toEqual(['big', 'big'])
    expect(cache.bytes).toBe(0)
  })

  it('does not keep a failed load', async () => {
    const cache = new BlockCache(100)
    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    const calls: string[] = []
    await cache.get('x', loader(calls, 'x', 10))
    expect(calls).toEqual(['x'])
  })
})
