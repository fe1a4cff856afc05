import type { ByteSource } from '../../evidence/byte-source'
import type { ChainStep, ClusterLinks } from '../cluster-chain'
import { FreeClustersBuilder } from '../free-clusters'
import type { FreeClusters } from '../free-clusters'
import { PAGE_SIZE, PagedReader } from '../paged-reader'
import type { ExfatBoot } from './exfat-boot'

/** The active exFAT FAT: 32-bit links, used only by files without the NoFatChain flag. */
export class ExfatFat implements ClusterLinks {
  private readonly reader: PagedReader

  constructor(
    source: ByteSource,
    private readonly boot: ExfatBoot,
  ) {
    const start = (boot.fatSector + boot.activeFat * boot.fatSectors) * boot.sectorSize
    this.reader = new PagedReader(source, start, boot.fatSectors * boot.sectorSize)
  }

  /** Where the chain goes after `cluster`. */
  async step(cluster: number): Promise<ChainStep> {
    if (cluster < 2 || cluster > this.boot.lastCluster) return { end: 'invalid' }
    const value = await this.reader.u32(cluster * 4)
    if (value === null) return { end: 'unreadable' }
    if (value === 0) return { end: 'free' }
    if (value >= 0xfffffff8) return { end: 'eof' }
    if (value === 0xfffffff7) return { end: 'bad' }
    if (value < 2 || value > this.boot.lastCluster) return { end: 'invalid' }
    return { next: value }
  }
}

/** The allocation bitmap: one bit per cluster, set when the cluster is in use. */
export class ExfatBitmap {
  private readonly reader: PagedReader

  constructor(source: ByteSource, offset: number, length: number) {
    this.reader = new PagedReader(source, offset, length)
  }

  /**
   * The free clusters up to `last`, scanned a page at a time; the scan stops where the bitmap
   * can no longer be read (past its end or the media's).
   */
  async freeClusters(last: number): Promise<FreeClusters> {
    const builder = new FreeClustersBuilder()
    let cluster = 2
    while (cluster <= last) {
      const index = Math.floor((cluster - 2) / 8 / PAGE_SIZE)
      const page = await this.reader.page(index)
      if (page === null) break
      const before = cluster
      for (; cluster <= last; cluster += 1) {
        const bit = cluster - 2 - index * PAGE_SIZE * 8
        const byte = page[bit >> 3]
        if (byte === undefined) break
        builder.mark(cluster, (byte & (1 << (bit & 7))) === 0)
      }
      if (cluster === before || page.length < PAGE_SIZE) break
    }
    return builder.finish(cluster)
  }
}
