import type { BigIntStats } from 'node:fs'
import type { ByteSource } from '../../evidence/byte-source'
import { ReadOnlyFile } from '../../evidence/read-only-file'
import { AppError } from '../../model/errors'

/** The content of one thing to scan: a host file, or a file (or block) inside an image. */
export interface ContentReader {
  readonly size: number
  /** False when a host file had to be opened without O_NOATIME. */
  readonly atimeProtected: boolean
  /** Fill `buffer` from `position`; returns the bytes read (fewer only at the end). */
  read(buffer: Buffer, position: number): Promise<number>
  /** True when the content changed while it was read (a host file being written to). */
  changed(bytesRead: number): boolean
  /** Offset in the image of the byte at `position`, or null (host file, or a hole). */
  imageOffset(position: number): number | null
  close(): void
}

/** A host file, opened read-only, never following a link, without touching its atime. */
export function openHostFile(path: string): ContentReader {
  const file = ReadOnlyFile.open(path)
  let before: BigIntStats
  try {
    before = file.stat()
  } catch (error: unknown) {
    file.close()
    throw error
  }
  return {
    size: Number(before.size),
    atimeProtected: file.atimeProtected,
    read: (buffer, position) => Promise.resolve(file.readFully(buffer, position)),
    changed(bytesRead) {
      const after = file.stat()
      return (
        after.size !== before.size ||
        after.mtimeNs !== before.mtimeNs ||
        BigInt(bytesRead) !== before.size
      )
    },
    imageOffset: () => null,
    close: () => {
      file.close()
    },
  }
}

/** Where content lies in an image: `[offset, length]` ranges, `null` offset for a hole (zeros). */
export type Extents = readonly (readonly [number | null, number])[]

/**
 * Content made of extents of an image (a file's data runs, an unallocated block): read through
 * the image's own reader, holes as zeros.
 */
export function extentReader(image: ByteSource, extents: Extents, size: number): ContentReader {
  const starts: number[] = []
  let total = 0
  for (const [, length] of extents) {
    starts.push(total)
    total += length
  }
  const locate = (position: number): number => {
    let lo = 0
    let hi = extents.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if ((starts[mid] ?? 0) <= position) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  return {
    size: Math.min(size, total),
    atimeProtected: true,
    async read(buffer, position) {
      const end = Math.min(position + buffer.length, size, total)
      let at = position
      for (let i = locate(position); at < end && i < extents.length; i += 1) {
        const [offset, length] = extents[i] as readonly [number | null, number]
        const within = at - (starts[i] ?? 0)
        const take = Math.min(length - within, end - at)
        const target = buffer.subarray(at - position, at - position + take)
        if (offset === null) target.fill(0)
        else {
          const bytes = await image.read(offset + within, take)
          if (bytes.length < take) {
            throw new AppError(
              'EVIDENCE_READ',
              `the image ends at ${offset + within + bytes.length}, inside this file's data (${take} bytes wanted at ${offset + within})`,
            )
          }
          bytes.copy(target)
        }
        at += take
      }
      return at - position
    },
    changed: () => false,
    imageOffset(position) {
      if (position >= total) return null
      const i = locate(position)
      const offset = extents[i]?.[0]
      return offset === null || offset === undefined ? null : offset + (position - (starts[i] ?? 0))
    },
    close: () => undefined,
  }
}

/**
 * Content a file system gives (an entry opened by id): read through its source; a byte's image
 * offset is the source's `locate()` (its place in the volume) plus the volume's start.
 */
export function sourceReader(source: ByteSource, size: number, volumeStart: number): ContentReader {
  const length = Math.min(size, source.size)
  return {
    size: length,
    atimeProtected: true,
    async read(buffer, position) {
      const wanted = Math.max(0, Math.min(buffer.length, length - position))
      if (wanted === 0) return 0
      const bytes = await source.read(position, wanted)
      bytes.copy(buffer)
      return bytes.length
    },
    changed: () => false,
    imageOffset(position) {
      const inVolume = source.locate?.(position) ?? null
      return inVolume === null ? null : volumeStart + inVolume
    },
    close: () => {
      void source.close()
    },
  }
}
