import { createHash } from 'node:crypto'
import type { Hash } from 'node:crypto'

/**
 * Hashes and byte statistics of content seen in one pass, in chunks of any size.
 *
 * MD5, SHA-1 and SHA-256 (what partners and hash sets use) and the Shannon entropy in bits per
 * byte (0–8: packed or encrypted content is close to 8).
 */
export class ContentStats {
  private readonly md5: Hash = createHash('md5')
  private readonly sha1: Hash = createHash('sha1')
  private readonly sha256: Hash = createHash('sha256')
  private readonly counts = new ByteHistogram()
  private total = 0

  /** Feed the next chunk. */
  update(chunk: Uint8Array): void {
    this.md5.update(chunk)
    this.sha1.update(chunk)
    this.sha256.update(chunk)
    this.counts.add(chunk)
    this.total += chunk.length
  }

  /** The digests (lower-case hex) and the entropy; call once, at the end. */
  finish(): { md5: string; sha1: string; sha256: string; entropy: number; bytes: number } {
    return {
      md5: this.md5.digest('hex'),
      sha1: this.sha1.digest('hex'),
      sha256: this.sha256.digest('hex'),
      entropy: shannonEntropy(this.counts.totals(), this.total),
      bytes: this.total,
    }
  }
}

/** Shannon entropy in bits per byte of a byte histogram; 0 for empty content. */
export function shannonEntropy(counts: ArrayLike<number>, total: number): number {
  if (total === 0) return 0
  let entropy = 0
  for (let i = 0; i < counts.length; i += 1) {
    const count = counts[i] ?? 0
    if (count === 0) continue
    const p = count / total
    entropy -= p * Math.log2(p)
  }
  return Math.round(entropy * 10_000) / 10_000
}

/**
 * Byte counts, two 32-bit words at a time into eight tables: 1.2 ms/MiB here against 2.2 for
 * four separate Float64Arrays and ~3.5 for a plain per-byte loop — it runs over every byte of
 * the evidence, so it matters (as much as the SHA-1 and SHA-256 together).
 */
export class ByteHistogram {
  /** Eight tables of 256 counts in one array (one typed array keeps the loop monomorphic). */
  private readonly counts = new Float64Array(256 * 8)

  add(chunk: Uint8Array): void {
    const t = this.counts
    const head = Math.min(chunk.length, (4 - (chunk.byteOffset & 3)) & 3)
    const words = (chunk.length - head) >>> 2
    // A typed-array view must start aligned, even when empty (a short unaligned chunk).
    const view =
      words === 0
        ? new Uint32Array(0)
        : new Uint32Array(chunk.buffer, chunk.byteOffset + head, words)
    const pairs = words & ~1
    // Two words per step into eight tables: independent increments the CPU can overlap, and
    // runs of one byte value (text, padding) do not wait on the same counter.
    for (let w = 0; w < pairs; w += 2) {
      const v = view[w] as number
      const u = view[w + 1] as number
      t[v & 255] = (t[v & 255] as number) + 1
      t[256 + ((v >>> 8) & 255)] = (t[256 + ((v >>> 8) & 255)] as number) + 1
      t[512 + ((v >>> 16) & 255)] = (t[512 + ((v >>> 16) & 255)] as number) + 1
      t[768 + (v >>> 24)] = (t[768 + (v >>> 24)] as number) + 1
      t[1024 + (u & 255)] = (t[1024 + (u & 255)] as number) + 1
      t[1280 + ((u >>> 8) & 255)] = (t[1280 + ((u >>> 8) & 255)] as number) + 1
      t[1536 + ((u >>> 16) & 255)] = (t[1536 + ((u >>> 16) & 255)] as number) + 1
      t[1792 + (u >>> 24)] = (t[1792 + (u >>> 24)] as number) + 1
    }
    // The unaligned head, an odd last word and the tail, a byte at a time.
    for (let i = 0; i < head; i += 1) this.addByte(chunk[i] as number)
    for (let i = head + pairs * 4; i < chunk.length; i += 1) this.addByte(chunk[i] as number)
  }

  private addByte(b: number): void {
    this.counts[b] = (this.counts[b] as number) + 1
  }

  /** The count of each byte value. */
  totals(): Float64Array {
    const out = new Float64Array(256)
    for (let table = 0; table < 8; table += 1)
      for (let k = 0; k < 256; k += 1)
        out[k] = (out[k] as number) + (this.counts[table * 256 + k] as number)
    return out
  }
}
