import { describe, expect, it } from 'vitest'
import type { ByteSource } from '../../../main/core/evidence/byte-source'
import { extentReader } from '../../../main/core/scan/analysis/content-reader'
import { AppError } from '../../../main/core/model/errors'

function memory(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(Buffer.from(bytes.subarray(offset, offset + length))),
    close: () => Promise.resolve(),
  }
}

const image = memory(Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz'))

describe('extent reader', () => {
  it('stitches extents and holes into the content, in order', async () => {
    const reader = extentReader(
      image,
      [
        [10, 3],
        [null, 2],
        [0, 4],
      ],
      9,
    )
    const buffer = Buffer.alloc(9)
    expect(await reader.read(buffer, 0)).toBe(9)
    expect(buffer).toEqual(Buffer.from('abc\u0000\u00000123'))
  })

  it('reads from any position, across extent edges', async () => {
    const reader = extentReader(
      image,
      [
        [10, 3],
        [null, 2],
        [0, 4],
      ],
      9,
    )
    const buffer = Buffer.alloc(4)
    expect(await reader.read(buffer, 2)).toBe(4)
    expect(buffer).toEqual(Buffer.from('c\u0000\u00000'))
  })

  it('maps content offsets to image offsets (null in a hole)', () => {
    const reader = extentReader(
      image,
      [
        [10, 3],
        [null, 2],
        [0, 4],
      ],
      9,
    )
    expect([0, 2, 3, 4, 5, 8, 9].map((p) => reader.imageOffset(p))).toEqual([
      10,
      12,
      null,
      null,
      0,
      3,
      null,
    ])
  })

  it('stops at the content size even when the extents run on (cluster slack)', async () => {
    const reader = extentReader(image, [[0, 16]], 5)
    const buffer = Buffer.alloc(16)
    expect(await reader.read(buffer, 0)).toBe(5)
  })

  it('reports an image that ends inside the content as a read error', async () => {
    const reader = extentReader(image, [[30, 10]], 10)
    await expect(reader.read(Buffer.alloc(10), 0)).rejects.toBeInstanceOf(AppError)
  })
})
