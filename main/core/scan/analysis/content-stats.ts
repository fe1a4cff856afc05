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
  private readonly counts = new Float64Array(256)
  private total = 0

  /** Feed the next chunk. */
  update(chunk: Uint8Array): void {
    this.md5.update(chunk)
    this.sha1.update(chunk)
    this.sha256.update(chunk)
    const counts = this.counts
    for (const byte of chunk) counts[byte] = (counts[byte] ?? 0) + 1
    this.total += chunk.length
  }

  /** The digests (lower-case hex) and the entropy; call once, at the end. */
  finish(): { md5: string; sha1: string; sha256: string; entropy: number; bytes: number } {
    return {
      md5: this.md5.digest('hex'),
      sha1: this.sha1.digest('hex'),
      sha256: this.sha256.digest('hex'),
      entropy: shannonEntropy(this.counts, this.total),
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
