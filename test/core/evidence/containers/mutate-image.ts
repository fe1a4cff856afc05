import fc from 'fast-check'
import { adler32 } from '../../../../main/core/evidence/containers/binary'

/** Where a mutation lands: near the start or the end of the file (headers live there), or anywhere. */
export interface Spot {
  readonly region: 'start' | 'end' | 'any'
  readonly n: number
}

/** One change to an image's bytes. */
export type Mutation =
  | { readonly kind: 'flip'; readonly spot: Spot; readonly bit: number }
  | { readonly kind: 'set32'; readonly spot: Spot; readonly value: number }
  | { readonly kind: 'set64'; readonly spot: Spot; readonly value: bigint }
  | { readonly kind: 'truncate'; readonly keep: number }

const spot: fc.Arbitrary<Spot> = fc.record({
  region: fc.constantFrom<Spot['region']>('start', 'start', 'end', 'any'),
  n: fc.nat({ max: 2 ** 30 }),
})

/** Bit flips, 32/64-bit fields set to 0, all ones or huge values, and truncation. */
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      spot,
      bit: fc.integer({ min: 0, max: 7 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('set32' as const),
      spot,
      value: fc.constantFrom(0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 4096),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('set64' as const),
      spot,
      value: fc.constantFrom(0n, 1n, 2n ** 64n - 1n, 2n ** 63n, 2n ** 53n, 2n ** 40n, 2n ** 32n),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('truncate' as const),
      keep: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
)

function position(data: Buffer, at: Spot, width: number, align: number): number {
  const span = Math.max(1, data.length - width)
  const raw =
    at.region === 'start'
      ? at.n % Math.min(span, 2048)
      : at.region === 'end'
        ? span - (at.n % Math.min(span, 2048))
        : at.n % span
  return Math.max(0, Math.min(span - 1, raw - (raw % align)))
}

/** `data` with `mutations` applied (a new buffer; truncation may shorten it). */
export function mutate(data: Buffer, mutations: readonly Mutation[]): Buffer {
  let out = Buffer.from(data)
  for (const m of mutations) {
    if (out.length < 8) break
    if (m.kind === 'truncate') out = out.subarray(0, Math.floor(out.length * m.keep))
    else if (m.kind === 'flip') {
      const at = position(out, m.spot, 1, 1)
      out[at] = (out[at] ?? 0) ^ (1 << m.bit)
    } else if (m.kind === 'set32') out.writeUInt32LE(m.value, position(out, m.spot, 4, 4))
    else out.writeBigUInt64LE(m.value, position(out, m.spot, 8, 4))
  }
  return out
}

/**
 * Recompute the checksums of an EWF segment (section headers, table headers, volume) so a
 * mutation reaches the range checks behind them instead of stopping at the first checksum.
 */
export function repairEwf(data: Buffer): void {
  let at = 13
  for (let i = 0; i < 1000 && at + 76 <= data.length; i++) {
    data.writeUInt32LE(adler32(data, at, at + 72), at + 72)
    const type = data.toString('latin1', at, at + 16).replace(/\0.*$/s, '')
    if ((type === 'table' || type === 'table2') && at + 100 <= data.length)
      data.writeUInt32LE(adler32(data, at + 76, at + 96), at + 96)
    if (['volume', 'disk', 'data'].includes(type) && at + 76 + 1052 <= data.length)
      data.writeUInt32LE(adler32(data, at + 76, at + 76 + 1048), at + 76 + 1048)
    const next = data.readBigUInt64LE(at + 16)
    if (next <= BigInt(at) || next > BigInt(data.length)) break
    at = Number(next)
  }
}

function vhdSum(data: Buffer, start: number, length: number, field: number): void {
  if (start < 0 || start + length > data.length) return
  let sum = 0
  for (let i = start; i < start + length; i++)
    if (i < start + field || i >= start + field + 4) sum += data[i] ?? 0
  data.writeUInt32BE(~sum >>> 0, start + field)
}

/** Recompute the VHD footer (both copies) and dynamic header checksums. */
export function repairVhd(data: Buffer): void {
  vhdSum(data, data.length - 512, 512, 64)
  vhdSum(data, 0, 512, 64)
  if (data.length < 512) return
  const header = data.readBigUInt64BE(16)
  if (header < BigInt(data.length)) vhdSum(data, Number(header), 1024, 36)
}
