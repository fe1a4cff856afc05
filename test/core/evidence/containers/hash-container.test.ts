import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { ByteSource } from '../../../../main/core/evidence/byte-source'
import {
  checkStoredHashes,
  hashContainer,
} from '../../../../main/core/evidence/containers/hash-container'

function memorySource(data: Buffer): ByteSource {
  return {
    size: data.length,
    read: (offset, length) => Promise.resolve(Buffer.from(data.subarray(offset, offset + length))),
    close: () => Promise.resolve(),
  }
}

const DATA = Buffer.alloc(10 * 1024 * 1024 + 123, 'outpost ')

describe('hashContainer', () => {
  it('computes MD5, SHA-1 and SHA-256 of the whole source, reporting progress', async () => {
    const progress: [number, number][] = []
    const hashes = await hashContainer(memorySource(DATA), {
      onProgress: (d, t) => progress.push([d, t]),
    })
    expect(hashes).toEqual({
      md5: createHash('md5').update(DATA).digest('hex'),
      sha1: createHash('sha1').update(DATA).digest('hex'),
      sha256: createHash('sha256').update(DATA).digest('hex'),
    })
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.at(-1)).toEqual([DATA.length, DATA.length])
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b))
  })

  it('stops with CANCELLED when its signal aborts', async () => {
    const controller = new AbortController()
    const hashing = hashContainer(memorySource(DATA), {
      signal: controller.signal,
      onProgress: () => {
        controller.abort()
      },
    })
    await expect(hashing).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('hashes an empty source', async () => {
    const hashes = await hashContainer(memorySource(Buffer.alloc(0)))
    expect(hashes.sha256).toBe(createHash('sha256').digest('hex'))
  })

  it('reports a source that ends early', async () => {
    const short: ByteSource = { ...memorySource(DATA), size: DATA.length + 10 }
    await expect(hashContainer(short)).rejects.toMatchObject({ code: 'EVIDENCE_READ' })
  })
})

describe('checkStoredHashes', () => {
  it('says match, mismatch or absent for each stored hash', () => {
    const computed = { md5: 'aa', sha1: 'bb', sha256: 'cc' }
    expect(checkStoredHashes({ storedHashes: { md5: 'AA', sha1: 'b0' } }, computed)).toEqual({
      md5: 'match',
      sha1: 'mismatch',
    })
    expect(checkStoredHashes({ storedHashes: {} }, computed)).toEqual({
      md5: 'absent',
      sha1: 'absent',
    })
  })
})
