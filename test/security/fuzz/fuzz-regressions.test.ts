import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openImage } from '../../../main/core/evidence/image-layout'
import { imageItems } from '../../../main/core/scan/image-plan'
import { mergeRanges, unallocatedBlocks } from '../../../main/core/scan/unallocated-blocks'
import { FIXTURES } from '../../core/evidence/containers/container-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { scanPass } from './scan-pipeline'

/**
 * Inputs the D6 fuzz found, kept as named regressions (the mutation written out, not a seed, so
 * they survive changes to the generators).
 */

/** tiny.qcow2 (a 512-byte disk) rewritten to declare `size` bytes with 2 MiB clusters. */
function hugeQcow2(size: bigint): Buffer {
  const image = gunzipSync(readFileSync(join(FIXTURES, 'tiny.qcow2.gz')))
  image.writeUInt32BE(21, 20) // cluster bits: 2 MiB clusters, 512 GiB per L1 entry
  image.writeBigUInt64BE(size, 24) // disk size
  image.writeUInt32BE(2 ** 20, 36) // L1 entries (all zero: every cluster unallocated)
  image.writeBigUInt64BE(2n ** 21n, 40) // L1 table offset
  return Buffer.concat([image, Buffer.alloc(16 * 1024 * 1024)])
}

describe('D6 regressions from the image-parser fuzz', () => {
  it('D6 a 16 MiB QCOW2 declaring 64 TiB of media is planned block by block, not all blocks at once (was: heap exhausted)', async () => {
    const path = join(tempDir(), 'huge.qcow2')
    writeFileSync(path, hugeQcow2(2n ** 46n))
    const image = await openImage(path)
    expect(image.container.size).toBe(2 ** 46)
    const evidence = { id: 1, sourcePath: path, sizeBytes: image.container.size }
    const layout = {
      volumes: image.volumes.map((v) => ({
        index: v.volume.index,
        startOffset: v.volume.start,
        length: v.volume.length,
      })),
    }
    await image.close()
    global.gc?.()
    const before = process.memoryUsage().heapUsed
    const seen: string[] = []
    // Only the fields imageItems reads; the whole-media volume (no partition table) is raw blocks.
    for await (const item of imageItems(evidence as never, layout as never)) {
      seen.push(item.kind === 'loose' ? item.entry.detail : item.facts.path)
      if (seen.length === 4) break
    }
    const grown = process.memoryUsage().heapUsed - before
    // 2^46 / 16 MiB = 4,194,304 blocks: as an array that was ~1 GiB of heap before the first.
    expect(seen[1]).toMatch(/^4194304 block\(s\) of up to 16777216 bytes/)
    expect(seen[2]).toBe('$Unallocated/volume-0/0-16777216')
    expect(grown).toBeLessThan(64 * 1024 * 1024)
  })

  it('D6 the same image read by the scan pipeline: items are read until the caller stops, memory flat', async () => {
    const path = join(tempDir(), 'huge.qcow2')
    writeFileSync(path, hugeQcow2(2n ** 52n))
    const before = process.memoryUsage()
    const stats = await scanPass(path, { maxItems: 50 })
    const after = process.memoryUsage()
    expect(stats).toMatchObject({ opened: true, items: 50, appErrors: 0 })
    expect(
      after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers,
    ).toBeLessThan(128 * 1024 * 1024)
  })

  it('D6 lazy block cutting (the fix) gives exactly the blocks of a from-scratch slice of the stream', () => {
    const ranges = fc.array(
      fc.record({ offset: fc.nat({ max: 100_000 }), length: fc.nat({ max: 5_000 }) }),
      { maxLength: 12 },
    )
    fc.assert(
      fc.property(
        ranges,
        fc.integer({ min: 100, max: 3000 }),
        fc.nat({ max: 500 }),
        (list, blockBytes, overlapBytes) => {
          const merged = mergeRanges(list)
          const total = merged.reduce((n, r) => n + r.length, 0)
          const expected = []
          for (let at = 0; at < total; at += blockBytes) {
            const owned = Math.min(blockBytes, total - at)
            const extents = naiveSlice(merged, at, Math.min(total, at + owned + overlapBytes))
            expected.push({ start: extents[0]?.[0] ?? 0, extents, owned })
          }
          expect(unallocatedBlocks(list, { blockBytes, overlapBytes })).toEqual(expected)
        },
      ),
      { seed: 90_602, numRuns: 200 },
    )
  })
})

/** Stream positions `[from, to)` mapped to image extents by walking every range from the start. */
function naiveSlice(
  ranges: readonly { offset: number; length: number }[],
  from: number,
  to: number,
): [number, number][] {
  const out: [number, number][] = []
  let position = 0
  for (const range of ranges) {
    const start = Math.max(from, position)
    const end = Math.min(to, position + range.length)
    if (start < end) out.push([range.offset + (start - position), end - start])
    position += range.length
  }
  return out
}
