import type { ByteSource } from '../../evidence/byte-source'
import type { ChainStep, ClusterLinks } from '../cluster-chain'
import { FreeClustersBuilder } from '../free-clusters'
import type { FreeClusters } from '../free-clusters'
import { PAGE_SIZE, PagedReader } from '../paged-reader'
import type { FatBoot } from './fat-boot'

/** End-of-chain, bad-cluster and value masks of each FAT width. */
const MARKS = {
  fat12: { mask: 0xfff, bad: 0xff7, eof: 0xff8 },
  fat16: { mask: 0xffff, bad: 0xfff7, eof: 0xfff8 },
  fat32: { mask: 0x0fffffff, bad: 0x0ffffff7, eof: 0x0ffffff8 },
} as const

/**
 * The active FAT of a FAT12/16/32 file system, read through a page cache: the link of each
 * cluster, and the free clusters (value 0; any other value, bad clusters included, is in use,
 * as TSK counts it).
 */
export class FatTable implements ClusterLinks {
  private readonly reader: PagedReader
  private readonly marks: (typeof MARKS)[keyof typeof MARKS]

  constructor(
    source: ByteSource,
    private readonly boot: FatBoot,
  ) {
    const start = (boot.reservedSectors + boot.activeFat * boot.fatSectors) * boot.sectorSize
    this.reader = new PagedReader(source, start, boot.fatSectors * boot.sectorSize)
    this.marks = MARKS[boot.kind]
  }

  /** The raw FAT value of `cluster` (masked to its width), or null when it cannot be read. */
  async entry(cluster: number): Promise<number | null> {
    if (cluster < 0 || cluster > this.boot.lastCluster) return null
    const at = entryOffset(this.boot.kind, cluster)
    const page = await this.reader.page(Math.floor(at / PAGE_SIZE))
    return page === null ? null : decode(this.boot.kind, page, at % PAGE_SIZE, cluster)
  }

  /** Where the chain goes after `cluster`. */
  async step(cluster: number): Promise<ChainStep> {
    const value = await this.entry(cluster)
    if (value === null) return { end: 'unreadable' }
    if (value === 0) return { end: 'free' }
    if (value >= this.marks.eof) return { end: 'eof' }
    if (value === this.marks.bad) return { end: 'bad' }
    if (value < 2 || value > this.boot.lastCluster) return { end: 'invalid' }
    return { next: value }
  }

  /**
   * The free clusters (value 0) up to `last`, scanned a page at a time; the scan stops where
   * the FAT can no longer be read (past the end of the media).
   */
  async freeClusters(last: number): Promise<FreeClusters> {
    const builder = new FreeClustersBuilder()
    let cluster = 2
    while (cluster <= last) {
      const index = Math.floor(entryOffset(this.boot.kind, cluster) / PAGE_SIZE)
      const page = await this.reader.page(index)
      if (page === null) break
      const before = cluster
      for (; cluster <= last; cluster += 1) {
        const value = decode(
          this.boot.kind,
          page,
          entryOffset(this.boot.kind, cluster) - index * PAGE_SIZE,
          cluster,
        )
        if (value === null) break
        builder.mark(cluster, value === 0)
      }
      if (cluster === before || page.length < PAGE_SIZE) break
    }
    return builder.finish(cluster)
  }
}

/** Byte offset of a cluster's entry in the FAT (FAT12: 1.5 bytes per entry). */
function entryOffset(kind: FatBoot['kind'], cluster: number): number {
  return kind === 'fat12' ? cluster + (cluster >> 1) : kind === 'fat16' ? cluster * 2 : cluster * 4
}

/** The entry at byte `at` of a FAT page, or null when the page does not hold it. */
function decode(kind: FatBoot['kind'], page: Buffer, at: number, cluster: number): number | null {
  const width = kind === 'fat32' ? 4 : 2
  if (at < 0 || at + width > page.length) return null
  if (kind === 'fat32') return page.readUInt32LE(at) & 0x0fffffff
  const pair = page.readUInt16LE(at)
  // 12-bit entries are packed two to three bytes; odd clusters use the high 12 bits.
  if (kind === 'fat12') return cluster & 1 ? pair >> 4 : pair & 0xfff
  return pair
}
