import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { ByteSource } from '../../main/core/evidence/byte-source'
import { AppError } from '../../main/core/model/errors'

/**
 * A host file as a read-only `ByteSource` (for tests: the container readers are tested on
 * their own). Reads past the end are short, as the interface says.
 */
export function fileSource(path: string): ByteSource {
  let fd: number | null = openSync(path, 'r')
  const size = fstatSync(fd).size
  return {
    size,
    read(offset: number, length: number): Promise<Buffer> {
      if (fd === null) return Promise.reject(new AppError('EVIDENCE_READ', `${path} is closed.`))
      const wanted = Math.max(0, Math.min(length, size - offset))
      const buffer = Buffer.alloc(wanted)
      let done = 0
      while (done < wanted) {
        const n = readSync(fd, buffer, done, wanted - done, offset + done)
        if (n === 0) break
        done += n
      }
      return Promise.resolve(buffer.subarray(0, done))
    },
    close(): Promise<void> {
      if (fd !== null) closeSync(fd)
      fd = null
      return Promise.resolve()
    },
  }
}

/** Bytes in memory as a `ByteSource` (copied on read, so callers cannot change the original). */
export function bufferSource(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    read(offset: number, length: number): Promise<Buffer> {
      if (offset >= bytes.length || length <= 0) return Promise.resolve(Buffer.alloc(0))
      return Promise.resolve(
        Buffer.from(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
      )
    },
    close: () => Promise.resolve(),
  }
}
