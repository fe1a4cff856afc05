import { inflateRawSync, inflateSync } from 'node:zlib'
import { AppError } from '../../model/errors'

const ADLER_MOD = 65521
/** Largest run of bytes summed before the modulo (zlib's NMAX): the sums stay exact doubles. */
const ADLER_NMAX = 5552

/** Adler-32 of `data` (zlib's checksum, used by EWF for sections and uncompressed chunks). */
export function adler32(data: Uint8Array, start = 0, end = data.length): number {
  let a = 1
  let b = 0
  let i = start
  while (i < end) {
    const stop = Math.min(end, i + ADLER_NMAX)
    for (; i < stop; i++) {
      // In bounds by the loop condition; `?? 0` here halves the speed of this hot loop.
      a += data[i] as number
      b += a
    }
    a %= ADLER_MOD
    b %= ADLER_MOD
  }
  return ((b << 16) | a) >>> 0
}

/**
 * An unsigned 64-bit field as a number, or `EVIDENCE_FORMAT` naming `what` when it is beyond
 * 2^53 (no real image needs more; a larger value is damage or hostility).
 */
export function u64(value: bigint, what: string, file: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${file}: the ${what} (${value.toString()}) is impossibly large; the image is damaged.`,
    )
  return Number(value)
}

/** Read a little-endian u64 at `offset` of `data` as a safe number (see {@link u64}). */
export function u64le(data: Buffer, offset: number, what: string, file: string): number {
  return u64(data.readBigUInt64LE(offset), what, file)
}

/** Read a big-endian u64 at `offset` of `data` as a safe number (see {@link u64}). */
export function u64be(data: Buffer, offset: number, what: string, file: string): number {
  return u64(data.readBigUInt64BE(offset), what, file)
}

/** `EVIDENCE_FORMAT` for a header value out of its sane range. */
export function badField(file: string, what: string, value: number | bigint | string): AppError {
  return new AppError(
    'EVIDENCE_FORMAT',
    `${file}: the ${what} (${String(value)}) is out of range; the image is damaged or not ` +
      'what its header says.',
  )
}

/** True when `n` is a power of two. */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n
}

/** Ceiling of `a / b` for positive integers. */
export function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b)
}

/**
 * Inflate `data` (zlib format when `raw` is false, bare deflate when true) to at most
 * `maxBytes`, so a crafted stream cannot expand without bound. Any failure is a thrown Error
 * for the caller to turn into an `AppError` that names the chunk.
 */
export function inflateBounded(data: Uint8Array, maxBytes: number, raw = false): Buffer {
  // One output chunk of the expected size: zlib's default 16 KiB chunks double the cost per call.
  const options = {
    maxOutputLength: Math.max(1, maxBytes),
    chunkSize: Math.min(Math.max(64, maxBytes), 4 << 20),
  }
  return raw ? inflateRawSync(data, options) : inflateSync(data, options)
}

/** The message of an unknown thrown value. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
