import { crc32 } from 'node:zlib'
import fc from 'fast-check'
import type { ByteRange } from '../../../main/core/evidence/byte-source'
import { openFileSystem } from '../../../main/core/filesystems/open-file-system'
import { readVolumes } from '../../../main/core/volumes/read-volumes'
import { bufferSource } from '../../helpers/file-source'
import { walkAll } from './tsk-oracle'

/** Where a mutation lands: the n-th structure range of the image (mod their count), at a fraction of it. */
export interface Spot {
  readonly range: number
  readonly at: number
}

/** One change to an image. */
export type FsMutation =
  | { readonly kind: 'flip'; readonly spot: Spot; readonly bit: number }
  | { readonly kind: 'set'; readonly spot: Spot; readonly width: 1 | 2 | 4; readonly value: number }
  | { readonly kind: 'copy-slot'; readonly from: Spot; readonly to: Spot }
  | { readonly kind: 'truncate'; readonly keep: number }

const spot: fc.Arbitrary<Spot> = fc.record({
  range: fc.nat(),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
})

/** Bit flips, fields set to 0 / all ones / large values, a 32-byte slot copied over another, truncation. */
export const fsMutation: fc.Arbitrary<FsMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      spot,
      bit: fc.integer({ min: 0, max: 7 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      spot,
      width: fc.constantFrom<1 | 2 | 4>(1, 2, 4),
      value: fc.constantFrom(0, 1, 2, 0xff, 0xffff, 0xffffffff, 0x0ffffff7, 0x7fffffff, 0x10000),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('copy-slot' as const), from: spot, to: spot }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('truncate' as const),
      keep: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
)

/**
 * The structure ranges of an image, where mutations do damage rather than change file data:
 * the first 64 KiB of the media and of every volume (tables, boot sectors, FATs), the last
 * 64 KiB (backup GPT), and every directory's clusters.
 */
export async function structureRanges(image: Buffer): Promise<ByteRange[]> {
  const ranges: ByteRange[] = [{ offset: 0, length: Math.min(65_536, image.length) }]
  ranges.push({
    offset: Math.max(0, image.length - 65_536),
    length: Math.min(65_536, image.length),
  })
  const layout = await readVolumes(bufferSource(image))
  for (const volume of layout.volumes) {
    ranges.push({ offset: volume.start, length: Math.min(65_536, volume.length) })
    const fs = await openFileSystem(volume.source)
    if (fs === null) continue
    const fatEnd =
      Number(fs.details.dataStartSector ?? fs.details.clusterHeapStartSector ?? 0) *
      Number(fs.details.sectorSize)
    ranges.push({ offset: volume.start, length: Math.min(fatEnd + 4096, volume.length) })
    // NTFS: the MFT records (headers, attributes, run lists, update sequences).
    if (fs.details.mftOffset !== undefined)
      ranges.push({
        offset: volume.start + Number(fs.details.mftOffset),
        length: Number(fs.details.mftBytes),
      })
    // ext: group 0's inode table (modes, sizes, block maps and extent roots).
    if (fs.details.inodeTableOffset !== undefined)
      ranges.push({
        offset: volume.start + Number(fs.details.inodeTableOffset),
        length: Number(fs.details.inodeTableBytes),
      })
    for (const entry of (await walkAll(fs)).entries) {
      if (entry.kind !== 'directory') continue
      for (const run of entry.runs)
        if (run.offset !== null)
          ranges.push({ offset: volume.start + run.offset, length: run.length })
    }
  }
  return ranges.filter((range) => range.length >= 32)
}

function position(ranges: readonly ByteRange[], at: Spot, width: number, size: number): number {
  const range = ranges[at.range % ranges.length] ?? { offset: 0, length: size }
  const raw = range.offset + Math.floor(at.at * Math.max(1, range.length - width))
  return Math.max(0, Math.min(size - width, raw - (raw % width)))
}

/** `image` with `mutations` applied (a new buffer; truncation may shorten it). */
export function mutateImage(
  image: Buffer,
  ranges: readonly ByteRange[],
  mutations: readonly FsMutation[],
): Buffer {
  let out = Buffer.from(image)
  for (const m of mutations) {
    if (out.length < 64) break
    if (m.kind === 'truncate') {
      out = out.subarray(0, Math.floor(out.length * m.keep))
    } else if (m.kind === 'flip') {
      const at = position(ranges, m.spot, 1, out.length)
      out[at] = (out[at] ?? 0) ^ (1 << m.bit)
    } else if (m.kind === 'set') {
      out.writeUIntLE(
        m.value % 2 ** (8 * m.width),
        position(ranges, m.spot, m.width, out.length),
        m.width,
      )
    } else {
      const from = position(ranges, m.from, 32, out.length)
      out.copy(out, position(ranges, m.to, 32, out.length), from, from + 32)
    }
  }
  return out
}

/**
 * Re-seal what checksums guard, so mutations reach the range checks behind them: the exFAT
 * boot region checksum, and the CRC32s of both GPT headers and entry arrays (512-byte sectors).
 */
export function repairChecksums(image: Buffer): void {
  if (image.length >= 12 * 512 && image.toString('latin1', 3, 11) === 'EXFAT   ') {
    let sum = 0
    for (let i = 0; i < 11 * 512; i += 1) {
      if (i === 106 || i === 107 || i === 112) continue
      sum = ((((sum & 1) << 31) | (sum >>> 1)) + (image[i] ?? 0)) >>> 0
    }
    for (let at = 11 * 512; at < 12 * 512; at += 4) image.writeUInt32LE(sum, at)
  }
  for (const lba of [1, Math.floor(image.length / 512) - 1]) resealGpt(image, lba * 512)
}

function resealGpt(image: Buffer, at: number): void {
  if (at < 512 || at + 512 > image.length || image.toString('latin1', at, at + 8) !== 'EFI PART')
    return
  const entries = Number(image.readBigUInt64LE(at + 72)) * 512
  const length = image.readUInt32LE(at + 80) * image.readUInt32LE(at + 84)
  if (length > 0 && length <= 1 << 20 && entries + length <= image.length) {
    image.writeUInt32LE(crc32(image.subarray(entries, entries + length)), at + 88)
  }
  const size = image.readUInt32LE(at + 12)
  if (size < 92 || size > 512) return
  image.writeUInt32LE(0, at + 16)
  image.writeUInt32LE(crc32(image.subarray(at, at + size)), at + 16)
}
