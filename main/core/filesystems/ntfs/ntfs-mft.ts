import type { ByteRange, ByteSource } from '../../evidence/byte-source'
import type { NtfsBoot } from './ntfs-boot'
import { parseRecord } from './ntfs-record'
import type { RecordRead } from './ntfs-record'
import type { ClusterRun } from './ntfs-runs'

/** The MFT is read this many bytes at a time (a multiple of every possible record size). */
export const MFT_CHUNK = 1024 * 1024
/** Chunks kept: 8 MiB, so a directory walk that jumps around the MFT rarely reads twice. */
const MAX_CHUNKS = 8

/** A chunk of the MFT and how many of its leading bytes the media really holds. */
interface Chunk {
  readonly bytes: Buffer
  readonly readable: number
}

/**
 * Random and sequential access to the MFT records, through the $MFT's own run list: records
 * are read a megabyte at a time into a small LRU cache, so a walk of a large MFT costs one
 * read per megabyte and no per-record I/O.
 */
export class MftReader {
  /** Records the MFT holds (its data size over the record size, bounded by the runs). */
  readonly recordCount: number
  private readonly chunks = new Map<number, Chunk>()
  private readonly mapped: number

  constructor(
    private readonly source: ByteSource,
    private readonly boot: NtfsBoot,
    private readonly runs: readonly ClusterRun[],
    dataSize: number,
  ) {
    this.mapped = runs.reduce((sum, run) => sum + run.count, 0) * boot.clusterSize
    // A run list may map the same clusters again and again: never more MFT than the volume.
    // Nor more than the source holds (holes in a hostile run list would read as endless zeros).
    const volumeBytes = Math.min(boot.clusterCount * boot.clusterSize, source.size)
    this.recordCount = Math.floor(Math.min(dataSize, this.mapped, volumeBytes) / boot.recordSize)
  }

  /** Bytes of one record. */
  get recordSize(): number {
    return this.boot.recordSize
  }

  /** Clusters of the volume (run lists must stay inside). */
  get clusterCount(): number {
    return this.boot.clusterCount
  }

  /** Record `number` parsed, or why it cannot be: damaged, empty, or not on the media. */
  async read(number: number): Promise<RecordRead> {
    const raw = await this.raw(number)
    if (raw === null)
      return { kind: 'damaged', reason: 'it lies outside the MFT or past the end of the image' }
    return parseRecord(raw, number, this.boot)
  }

  /** The stored bytes of record `number` (a view into the cache), or null when unreadable. */
  async raw(number: number): Promise<Buffer | null> {
    if (!Number.isSafeInteger(number) || number < 0 || number >= this.recordCount) return null
    const at = number * this.boot.recordSize
    const index = Math.floor(at / MFT_CHUNK)
    const chunk = await this.chunk(index)
    const inner = at - index * MFT_CHUNK
    if (inner + this.boot.recordSize > chunk.readable) return null
    return chunk.bytes.subarray(inner, inner + this.boot.recordSize)
  }

  /** The records of chunk `index` as stored (for a sequential scan): first record number and bytes. */
  async chunkRecords(index: number): Promise<{ first: number; bytes: Buffer; count: number }> {
    const chunk = await this.chunk(index)
    const first = (index * MFT_CHUNK) / this.boot.recordSize
    const count = Math.max(
      0,
      Math.min(Math.floor(chunk.readable / this.boot.recordSize), this.recordCount - first),
    )
    return { first, bytes: chunk.bytes, count }
  }

  /** Chunks that together hold every record. */
  get chunkCount(): number {
    return Math.ceil((this.recordCount * this.boot.recordSize) / MFT_CHUNK)
  }

  /** Where record `number` lies in the volume (one range, two when it straddles runs). */
  recordRanges(number: number): ByteRange[] {
    return this.locate(number * this.boot.recordSize, this.boot.recordSize)
  }

  /** The volume ranges of MFT bytes `[offset, offset + length)`; holes are left out. */
  locate(offset: number, length: number): ByteRange[] {
    const out: ByteRange[] = []
    const clusterSize = this.boot.clusterSize
    let runStart = 0
    for (const run of this.runs) {
      const runBytes = run.count * clusterSize
      const from = Math.max(offset, runStart)
      const to = Math.min(offset + length, runStart + runBytes)
      if (from < to && run.lcn !== null)
        out.push({ offset: run.lcn * clusterSize + (from - runStart), length: to - from })
      runStart += runBytes
      if (runStart >= offset + length) break
    }
    return out
  }

  private async chunk(index: number): Promise<Chunk> {
    const cached = this.chunks.get(index)
    if (cached !== undefined) {
      this.chunks.delete(index)
      this.chunks.set(index, cached)
      return cached
    }
    const chunk = await this.load(index)
    this.chunks.set(index, chunk)
    if (this.chunks.size > MAX_CHUNKS) {
      const oldest = this.chunks.keys().next()
      if (oldest.done !== true) this.chunks.delete(oldest.value)
    }
    return chunk
  }

  /** Read one chunk through the run list; it is readable up to the first byte the media lacks. */
  private async load(index: number): Promise<Chunk> {
    const start = index * MFT_CHUNK
    const length = Math.max(0, Math.min(MFT_CHUNK, this.mapped - start))
    const bytes = Buffer.alloc(length)
    const clusterSize = this.boot.clusterSize
    let runStart = 0
    let readable = length
    for (const run of this.runs) {
      const runBytes = run.count * clusterSize
      const from = Math.max(start, runStart)
      const to = Math.min(start + length, runStart + runBytes)
      if (from < to && run.lcn !== null && from - start < readable) {
        const got = await this.source.read(run.lcn * clusterSize + (from - runStart), to - from)
        got.copy(bytes, from - start)
        if (got.length < to - from) readable = Math.min(readable, from - start + got.length)
      }
      runStart += runBytes
      if (runStart >= start + length) break
    }
    return { bytes, readable }
  }
}
