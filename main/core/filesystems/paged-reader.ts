import type { ByteSource } from '../evidence/byte-source'

/** Page size: a multiple of 3, 4 and 512, so no FAT12, FAT16 or FAT32 entry straddles pages. */
export const PAGE_SIZE = 49_152
/** Pages kept (3 MiB): enough for the FAT of any volume walked cluster by cluster. */
const MAX_PAGES = 64

/**
 * Random access to a region of a source (a FAT, an allocation bitmap) through a small LRU page
 * cache, so that a table of any size is read once per page and memory stays at `MAX_PAGES`
 * pages whatever the table's size says.
 */
export class PagedReader {
  private readonly pages = new Map<number, Buffer>()

  constructor(
    private readonly source: ByteSource,
    /** Byte offset of the region in the source. */
    private readonly base: number,
    /** Length of the region in bytes (reads past it return null). */
    readonly length: number,
  ) {}

  /** The byte at `offset` in the region, or null when it is outside the region or the media. */
  async u8(offset: number): Promise<number | null> {
    const page = await this.pageAt(offset)
    const at = offset % PAGE_SIZE
    return page !== null && at < page.length ? (page[at] ?? null) : null
  }

  /** Little-endian 16-bit value at `offset` (aligned to 2), or null outside the region. */
  async u16(offset: number): Promise<number | null> {
    const page = await this.pageAt(offset)
    const at = offset % PAGE_SIZE
    return page !== null && at + 2 <= page.length ? page.readUInt16LE(at) : null
  }

  /** Little-endian 32-bit value at `offset` (aligned to 4), or null outside the region. */
  async u32(offset: number): Promise<number | null> {
    const page = await this.pageAt(offset)
    const at = offset % PAGE_SIZE
    return page !== null && at + 4 <= page.length ? page.readUInt32LE(at) : null
  }

  /**
   * Page `index` of the region (`PAGE_SIZE` bytes from `index * PAGE_SIZE`; shorter at the end
   * of the region or the media), for callers that scan a whole table; null past the region.
   */
  async page(index: number): Promise<Buffer | null> {
    return this.pageAt(index * PAGE_SIZE)
  }

  /** The cached page holding `offset`, read on first use; null outside the region. */
  private async pageAt(offset: number): Promise<Buffer | null> {
    if (offset < 0 || offset >= this.length || !Number.isSafeInteger(offset)) return null
    const index = Math.floor(offset / PAGE_SIZE)
    const cached = this.pages.get(index)
    if (cached !== undefined) {
      // Re-insert: Map order is the LRU order.
      this.pages.delete(index)
      this.pages.set(index, cached)
      return cached
    }
    const start = index * PAGE_SIZE
    const page = await this.source.read(this.base + start, Math.min(PAGE_SIZE, this.length - start))
    this.pages.set(index, page)
    if (this.pages.size > MAX_PAGES) {
      const oldest = this.pages.keys().next()
      if (oldest.done !== true) this.pages.delete(oldest.value)
    }
    return page
  }
}
