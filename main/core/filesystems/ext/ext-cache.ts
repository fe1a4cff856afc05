import type { ByteSource } from '../../evidence/byte-source'

const PAGE = 65_536
/** Pages kept (4 MiB): inode tables, bitmaps and directory blocks are read once a page. */
const MAX_PAGES = 64

/**
 * Byte ranges of a volume through a small LRU page cache, so that inodes (read one at a time)
 * and metadata blocks cost one read per 64 KiB page and memory stays bounded.
 */
export class ExtCache {
  private readonly pages = new Map<number, Buffer>()

  constructor(private readonly source: ByteSource) {}

  get size(): number {
    return this.source.size
  }

  /** `length` bytes from `offset`, fewer only past the end of the source. */
  async bytes(offset: number, length: number): Promise<Buffer> {
    if (length <= 0 || offset < 0 || offset >= this.source.size) return Buffer.alloc(0)
    const first = Math.floor(offset / PAGE)
    const last = Math.floor((offset + length - 1) / PAGE)
    if (first === last) {
      const page = await this.page(first)
      const at = offset - first * PAGE
      return page.subarray(at, Math.min(page.length, at + length))
    }
    const parts: Buffer[] = []
    for (let index = first; index <= last; index += 1) {
      const page = await this.page(index)
      const from = index === first ? offset - first * PAGE : 0
      const to = index === last ? offset + length - last * PAGE : PAGE
      parts.push(page.subarray(from, Math.min(page.length, to)))
      if (page.length < PAGE) break
    }
    return Buffer.concat(parts)
  }

  private async page(index: number): Promise<Buffer> {
    const cached = this.pages.get(index)
    if (cached !== undefined) {
      this.pages.delete(index)
      this.pages.set(index, cached)
      return cached
    }
    const page = await this.source.read(index * PAGE, PAGE)
    this.pages.set(index, page)
    if (this.pages.size > MAX_PAGES) {
      const oldest = this.pages.keys().next()
      if (oldest.done !== true) this.pages.delete(oldest.value)
    }
    return page
  }
}
