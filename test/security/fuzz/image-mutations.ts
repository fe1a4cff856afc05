import fc from 'fast-check'
import type { ByteRange } from '../../../main/core/evidence/byte-source'

/**
 * Mutations of an image file for the parser fuzz (security-checks D6). A mutation lands either in
 * one of the image's structure ranges (headers, tables, boot sectors, MFT records, inodes… — see
 * image-structures.ts) or anywhere in the file, so both "parser meets a lying field" and "parser
 * meets damaged data" are tried.
 */

/** Where a mutation lands: the n-th structure range (mod their count) at a fraction of it, or anywhere. */
export interface Spot {
  readonly inStructure: boolean
  readonly range: number
  readonly at: number
}

/** Field values that break size and offset arithmetic: zero, one, all ones, sign bits, huge. */
export const NASTY_32 = [0, 1, 2, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x10000, 4096]
export const NASTY_64 = [
  0n,
  1n,
  2n ** 31n,
  2n ** 32n,
  2n ** 40n,
  2n ** 53n,
  2n ** 63n,
  2n ** 64n - 1n,
]

/** One change to an image's bytes. */
export type ImageMutation =
  | { readonly kind: 'flip'; readonly spot: Spot; readonly bit: number }
  | {
      readonly kind: 'set'
      readonly spot: Spot
      readonly width: 1 | 2 | 4
      readonly bigEndian: boolean
      readonly value: number
    }
  | {
      readonly kind: 'set64'
      readonly spot: Spot
      readonly bigEndian: boolean
      readonly value: string
    }
  | { readonly kind: 'run'; readonly spot: Spot; readonly length: number; readonly byte: number }
  | { readonly kind: 'copy'; readonly from: Spot; readonly to: Spot; readonly length: number }
  | { readonly kind: 'truncate'; readonly keep: number }
  | { readonly kind: 'extend'; readonly bytes: number; readonly byte: number }

const spot: fc.Arbitrary<Spot> = fc.record({
  // Three in four land in a structure: random offsets in a mostly-data image rarely matter.
  inStructure: fc.constantFrom(true, true, true, false),
  range: fc.nat(),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
})

/**
 * Bit flips, 8/16/32/64-bit fields (either byte order: VHD and QCOW2 are big-endian) set to
 * nasty values, byte runs, a slot copied over another (a directory entry or inode pointing at
 * itself), truncation and extension.
 */
export const imageMutation: fc.Arbitrary<ImageMutation> = fc.oneof(
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
      bigEndian: fc.boolean(),
      value: fc.constantFrom(...NASTY_32),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('set64' as const),
      spot,
      bigEndian: fc.boolean(),
      // A string, so a failing case prints as JSON (bigints do not).
      value: fc.constantFrom(...NASTY_64.map(String)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('run' as const),
      spot,
      length: fc.integer({ min: 1, max: 4096 }),
      byte: fc.constantFrom(0x00, 0xff, 0x41, 0x80),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('copy' as const),
      from: spot,
      to: spot,
      length: fc.constantFrom(8, 32, 64, 256),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('truncate' as const),
      keep: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extend' as const),
      bytes: fc.constantFrom(1, 511, 512, 4096, 65_537),
      byte: fc.constantFrom(0x00, 0xff),
    }),
  },
)

function position(
  ranges: readonly ByteRange[],
  at: Spot,
  width: number,
  size: number,
  align: number,
): number {
  const range =
    at.inStructure && ranges.length > 0
      ? (ranges[at.range % ranges.length] ?? { offset: 0, length: size })
      : { offset: 0, length: size }
  const raw = range.offset + Math.floor(at.at * Math.max(1, range.length - width))
  return Math.max(0, Math.min(size - width, raw - (raw % align)))
}

/** `image` with `mutations` applied, in order (a new buffer; its length may change). */
export function applyMutations(
  image: Buffer,
  ranges: readonly ByteRange[],
  mutations: readonly ImageMutation[],
): Buffer {
  let out = Buffer.from(image)
  for (const m of mutations) {
    if (m.kind === 'extend') {
      out = Buffer.concat([out, Buffer.alloc(m.bytes, m.byte)])
      continue
    }
    if (out.length < 16) break
    if (m.kind === 'truncate') out = out.subarray(0, Math.floor(out.length * m.keep))
    else if (m.kind === 'flip') {
      const at = position(ranges, m.spot, 1, out.length, 1)
      out[at] = (out[at] ?? 0) ^ (1 << m.bit)
    } else if (m.kind === 'set') {
      const at = position(ranges, m.spot, m.width, out.length, m.width)
      const value = m.value % 2 ** (8 * m.width)
      if (m.bigEndian) out.writeUIntBE(value, at, m.width)
      else out.writeUIntLE(value, at, m.width)
    } else if (m.kind === 'set64') {
      const at = position(ranges, m.spot, 8, out.length, 4)
      if (m.bigEndian) out.writeBigUInt64BE(BigInt(m.value), at)
      else out.writeBigUInt64LE(BigInt(m.value), at)
    } else if (m.kind === 'run') {
      const at = position(ranges, m.spot, 1, out.length, 1)
      out.fill(m.byte, at, Math.min(out.length, at + m.length))
    } else {
      const length = Math.min(m.length, out.length)
      const from = position(ranges, m.from, length, out.length, 4)
      out.copy(out, position(ranges, m.to, length, out.length, 4), from, from + length)
    }
  }
  return out
}
