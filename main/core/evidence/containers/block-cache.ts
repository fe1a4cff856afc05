/** Default budget of one container's cache: decoded chunks, grains, clusters and table pieces. */
export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024

/**
 * A least-recently-used cache of buffers, bounded by their total size in bytes.
 *
 * One is shared by every reader of an opened container (segments, parents, backing files), so
 * the memory an image can take is fixed when it is opened and never grows with the image or a
 * header field. Concurrent requests for the same key share one load. A buffer larger than the
 * whole budget is returned but not kept.
 */
export class BlockCache {
  private readonly entries = new Map<string, Buffer>()
  private readonly loading = new Map<string, Promise<Buffer>>()
  private used = 0

  constructor(readonly maxBytes: number = DEFAULT_CACHE_BYTES) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.used
  }

  /** The buffer for `key` when it is held, marked as just used. */
  peek(key: string): Buffer | undefined {
    const hit = this.entries.get(key)
    if (hit !== undefined) {
      // Re-insert so Map order stays least- to most-recently used.
      this.entries.delete(key)
      this.entries.set(key, hit)
    }
    return hit
  }

  /** The buffer for `key`, loading it with `load` when absent. */
  async get(key: string, load: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.peek(key)
    if (hit !== undefined) return hit
    const pending = this.loading.get(key)
    if (pending !== undefined) return pending
    const promise = load().finally(() => this.loading.delete(key))
    this.loading.set(key, promise)
    const value = await promise
    this.put(key, value)
    return value
  }

  /** Drop everything (on close). */
  clear(): void {
    this.entries.clear()
    this.used = 0
  }

  /** Keep `value` for `key` (read ahead with another one), unless it is already held. */
  put(key: string, value: Buffer): void {
    if (value.byteLength > this.maxBytes || this.entries.has(key)) return
    this.entries.set(key, value)
    this.used += value.byteLength
    for (const [oldest, buffer] of this.entries) {
      if (this.used <= this.maxBytes) break
      this.entries.delete(oldest)
      this.used -= buffer.byteLength
    }
  }
}
