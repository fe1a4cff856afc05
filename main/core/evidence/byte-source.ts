/**
 * Random-access, read-only bytes: a file on the host, a split or compressed image, a partition
 * inside it, a file inside a file system. Every evidence layer is one (ARCHITECTURE.md §3).
 *
 * `read` returns exactly `length` bytes, fewer only when the range runs past `size` (then up to
 * the end; an empty buffer at or past the end). It never returns bytes that are not there: a
 * range the source cannot produce (a missing segment, a corrupt chunk) throws an `AppError`
 * (`EVIDENCE_READ`, `EVIDENCE_SEGMENT_MISSING`, `EVIDENCE_FORMAT`) naming the offset.
 * Implementations keep bounded caches: memory never grows with a header field or the size.
 */
export interface ByteSource {
  /** Size in bytes. */
  readonly size: number
  read(offset: number, length: number): Promise<Buffer>
  /** Release file handles; further reads fail. Closing twice is harmless. */
  close(): Promise<void>
  /**
   * Where the byte at `position` lies in the parent source (a file's content in its file
   * system), or null when it has no single place (a hole, compressed or resident data). Optional:
   * a source without it has no parent.
   */
  locate?(position: number): number | null
}

/** A byte range: `offset` and `length` in bytes. */
export interface ByteRange {
  readonly offset: number
  readonly length: number
}

/**
 * A window `[start, start + length)` of another source, as its own source (a partition of a
 * disk, say). Reads are clipped to the window; closing it does not close the parent.
 */
export function sliceSource(parent: ByteSource, start: number, length: number): ByteSource {
  const size = Math.max(0, Math.min(length, parent.size - start))
  return {
    size,
    async read(offset: number, wanted: number): Promise<Buffer> {
      if (offset >= size || wanted <= 0) return Buffer.alloc(0)
      return parent.read(start + offset, Math.min(wanted, size - offset))
    },
    close: () => Promise.resolve(),
  }
}
