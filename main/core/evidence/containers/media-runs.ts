import { AppError } from '../../model/errors'
import type { ByteSource } from '../byte-source'
import type { Container, ContainerFormat } from './container'
import type { ImageFile } from './image-file'

/**
 * Where one stretch of the media comes from: zeros, bytes of a host file, a decoded buffer
 * (a decompressed chunk), or another source (a parent or backing image at `offset`).
 */
export type MediaRun =
  | { readonly kind: 'zero'; readonly length: number }
  | {
      readonly kind: 'file'
      readonly length: number
      readonly file: ImageFile
      readonly position: number
    }
  | {
      readonly kind: 'buffer'
      readonly length: number
      readonly data: Buffer
      readonly start: number
    }
  | {
      readonly kind: 'source'
      readonly length: number
      readonly source: ByteSource
      readonly offset: number
    }

/**
 * Says where the media at `offset` comes from, for at most `maxLength` bytes (at least 1).
 *
 * Each format answers for one chunk, grain, block or cluster at a time; {@link readMedia}
 * stitches the answers together and merges neighbouring file runs into one read.
 */
export type RunResolver = (offset: number, maxLength: number) => Promise<MediaRun>

interface Pending {
  readonly run: MediaRun & { readonly kind: 'file' | 'source' }
  readonly at: number
  length: number
}

/** Read `[offset, offset + length)` of media of `size` bytes through `resolve`, clipped to the end. */
export async function readMedia(
  size: number,
  offset: number,
  length: number,
  resolve: RunResolver,
): Promise<Buffer> {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0)
    throw new AppError('INVALID_INPUT', `Cannot read ${length} bytes at offset ${offset}.`)
  const total = Math.max(0, Math.min(length, size - offset))
  const out = Buffer.allocUnsafe(total)
  let pending: Pending | null = null
  for (let done = 0; done < total;) {
    const run = await resolve(offset + done, total - done)
    if (!(run.length > 0 && run.length <= total - done))
      throw new Error(`Container reader returned a run of ${run.length} bytes`)
    if (pending !== null && continues(pending, run)) pending.length += run.length
    else {
      if (pending !== null) await flush(pending, out, offset)
      pending = null
      if (run.kind === 'zero') out.fill(0, done, done + run.length)
      else if (run.kind === 'buffer') copyBuffer(run, out, done)
      else pending = { run, at: done, length: run.length }
    }
    done += run.length
  }
  if (pending !== null) await flush(pending, out, offset)
  return out
}

function continues(pending: Pending, run: MediaRun): boolean {
  const last = pending.run
  if (run.kind === 'file' && last.kind === 'file')
    return run.file === last.file && run.position === last.position + pending.length
  if (run.kind === 'source' && last.kind === 'source')
    return run.source === last.source && run.offset === last.offset + pending.length
  return false
}

function copyBuffer(run: MediaRun & { kind: 'buffer' }, out: Buffer, at: number): void {
  const copied = run.data.copy(out, at, run.start, run.start + run.length)
  // A decoded unit shorter than promised is damage the reader should have caught; zeros, not junk.
  if (copied < run.length) out.fill(0, at + copied, at + run.length)
}

async function flush(pending: Pending, out: Buffer, base: number): Promise<void> {
  const { run, at, length } = pending
  if (run.kind === 'file') {
    const got = await run.file.readInto(out, at, length, run.position)
    if (got < length)
      throw new AppError(
        'EVIDENCE_READ',
        `Media offset ${base + at + got} cannot be read: ${run.file.path} ends at ` +
          `${run.file.size} bytes but the data should be at offset ${run.position + got}. ` +
          'The copy of the image may be incomplete.',
      )
    return
  }
  // A parent or backing image smaller than its child reads as zeros past its end (as qemu does).
  const data = await run.source.read(run.offset, length)
  data.copy(out, at)
  if (data.length < length) out.fill(0, at + data.length, at + length)
}

/** What a format reader hands to {@link makeContainer}. */
export interface ContainerParts {
  readonly format: ContainerFormat
  readonly size: number
  readonly files: readonly string[]
  readonly sectorSize: number | null
  readonly storedHashes?: Container['storedHashes']
  readonly details: Container['details']
  readonly resolve: RunResolver
  /** Release everything the reader holds (its files, its parent). */
  readonly release: () => Promise<void>
}

/** A {@link Container} over a resolver; reads after `close` fail with `EVIDENCE_READ`. */
export function makeContainer(parts: ContainerParts): Container {
  let closed = false
  return {
    format: parts.format,
    size: parts.size,
    files: parts.files,
    sectorSize: parts.sectorSize,
    storedHashes: parts.storedHashes ?? {},
    details: parts.details,
    read(offset: number, length: number): Promise<Buffer> {
      if (closed)
        return Promise.reject(
          new AppError('EVIDENCE_READ', `${parts.files[0] ?? 'The image'} is closed.`),
        )
      return readMedia(parts.size, offset, length, parts.resolve)
    },
    async close(): Promise<void> {
      if (closed) return
      closed = true
      await parts.release()
    },
  }
}

/** Close every one of `items`, even when one fails; the first failure is rethrown. */
export async function closeAll(items: readonly { close(): Promise<void> }[]): Promise<void> {
  const results = await Promise.allSettled(items.map((item) => item.close()))
  const failed = results.find((r) => r.status === 'rejected')
  if (failed !== undefined) throw failed.reason
}
