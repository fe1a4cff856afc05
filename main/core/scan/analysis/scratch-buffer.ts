/**
 * One read buffer reused from file to file (a scan process handles one file at a time, and YARA
 * and every hash are done with it before the next): allocating a fresh buffer per file made the
 * garbage collector a measurable share of scan time. Content above `KEEP_BYTES` gets a one-off
 * buffer, so a huge file does not pin its memory for the rest of the scan.
 */
export class ScratchBuffer {
  private static readonly KEEP_BYTES = 64 * 1024 * 1024
  private buffer = Buffer.alloc(0)
  private inUse = false

  /** A buffer of `size` bytes, yours until {@link ScratchBuffer.release}. */
  take(size: number): Buffer {
    // Overlapping analyses (not the scan process, which goes one file at a time) get their own.
    if (this.inUse || size > ScratchBuffer.KEEP_BYTES) return Buffer.allocUnsafe(size)
    this.inUse = true
    if (this.buffer.length < size) {
      this.buffer = Buffer.allocUnsafe(
        Math.max(size, Math.min(2 * this.buffer.length, ScratchBuffer.KEEP_BYTES), 64 * 1024),
      )
    }
    return this.buffer.subarray(0, size)
  }

  /** Give back a buffer from {@link ScratchBuffer.take}. */
  release(buffer: Buffer): void {
    if (buffer.buffer === this.buffer.buffer) this.inUse = false
  }
}
