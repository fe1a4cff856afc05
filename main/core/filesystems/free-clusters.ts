import { isAppError } from '../model/errors'
import type { ClusterRange } from './cluster-chain'

/**
 * The free clusters of a volume as sorted ranges, kept in typed arrays (8 bytes a range) so
 * that even a badly fragmented volume's free space is compact, and searched by bisection.
 */
export class FreeClusters {
  constructor(
    private readonly firsts: Uint32Array,
    private readonly counts: Uint32Array,
    /** Number of ranges. */
    readonly size: number,
  ) {}

  /** Every free range, in cluster order. */
  ranges(): ClusterRange[] {
    const out: ClusterRange[] = []
    for (let i = 0; i < this.size; i += 1)
      out.push({ first: this.firsts[i] ?? 0, count: this.counts[i] ?? 0 })
    return out
  }

  /** Whether `cluster` is free. */
  isFree(cluster: number): boolean {
    const i = this.rangeAtOrAfter(cluster)
    return i < this.size && (this.firsts[i] ?? 0) <= cluster
  }

  /**
   * The free clusters from `first` on, in order, as ranges covering `count` clusters; null when
   * there are not that many, or they would take more than `maxRanges` ranges.
   */
  take(first: number, count: number, maxRanges: number): ClusterRange[] | null {
    const out: ClusterRange[] = []
    let left = count
    for (let i = this.rangeAtOrAfter(first); i < this.size && left > 0; i += 1) {
      if (out.length >= maxRanges) return null
      const start = Math.max(first, this.firsts[i] ?? 0)
      const end = (this.firsts[i] ?? 0) + (this.counts[i] ?? 0)
      const taken = Math.min(end - start, left)
      out.push({ first: start, count: taken })
      left -= taken
    }
    return left > 0 ? null : out
  }

  /** Index of the first range that ends after `cluster`. */
  private rangeAtOrAfter(cluster: number): number {
    let low = 0
    let high = this.size
    while (low < high) {
      const mid = (low + high) >> 1
      if ((this.firsts[mid] ?? 0) + (this.counts[mid] ?? 0) <= cluster) low = mid + 1
      else high = mid
    }
    return low
  }
}

/** Builds `FreeClusters` from clusters marked free or not, in increasing order. */
export class FreeClustersBuilder {
  private firsts = new Uint32Array(256)
  private counts = new Uint32Array(256)
  private size = 0
  private open = -1

  /** Record whether `cluster` (each one once, in increasing order) is free. */
  mark(cluster: number, free: boolean): void {
    if (free && this.open < 0) this.open = cluster
    if (!free && this.open >= 0) this.close(cluster)
  }

  /** The ranges, every cluster after the last one marked counting as not free. */
  finish(next: number): FreeClusters {
    if (this.open >= 0) this.close(next)
    return new FreeClusters(this.firsts, this.counts, this.size)
  }

  private close(end: number): void {
    if (this.size === this.firsts.length) {
      this.firsts = grow(this.firsts)
      this.counts = grow(this.counts)
    }
    this.firsts[this.size] = this.open
    this.counts[this.size] = end - this.open
    this.size += 1
    this.open = -1
  }
}

function grow(array: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2)
  bigger.set(array)
  return bigger
}

/**
 * The free clusters for recovering deleted files, or null when the allocation table cannot be
 * read (an evidence read error): nothing is then recoverable, as in TSK, and the walk goes on.
 */
export async function freeOrNull(
  free: () => Promise<FreeClusters | null>,
): Promise<FreeClusters | null> {
  try {
    return await free()
  } catch (error: unknown) {
    if (isAppError(error)) return null
    throw error
  }
}
