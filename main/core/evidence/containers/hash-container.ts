import { createHash } from 'node:crypto'
import { AppError } from '../../model/errors'
import type { ByteSource } from '../byte-source'
import type { Container } from './container'

/** Bytes read per step: large enough for throughput, small enough for prompt cancellation. */
const STEP_BYTES = 4 * 1024 * 1024

/** The three digests of a whole medium, lower-case hex. */
export interface MediaHashes {
  readonly md5: string
  readonly sha1: string
  readonly sha256: string
}

/** Options of {@link hashContainer}. */
export interface HashContainerOptions {
  /** Called after each step with the bytes hashed so far and the total. */
  readonly onProgress?: (done: number, total: number) => void
  /** Aborting it stops the hash with `AppError('CANCELLED')`. */
  readonly signal?: AbortSignal
}

/**
 * MD5, SHA-1 and SHA-256 of every byte of `source` in one streaming pass (4 MiB steps, the
 * next read started while the current one is hashed), to fingerprint an image or verify the
 * hashes an E01 stores.
 *
 * @throws AppError `CANCELLED` when `signal` aborts; the reader's `EVIDENCE_READ` for a damaged
 * chunk.
 */
export async function hashContainer(
  source: ByteSource,
  options: HashContainerOptions = {},
): Promise<MediaHashes> {
  const hashes = [createHash('md5'), createHash('sha1'), createHash('sha256')] as const
  const total = source.size
  let done = 0
  let next = total > 0 ? source.read(0, Math.min(STEP_BYTES, total)) : null
  while (next !== null) {
    throwIfAborted(options.signal)
    const data = await next
    if (data.length === 0)
      throw new AppError('EVIDENCE_READ', `The image ended at ${done} bytes, ${total} expected.`)
    done += data.length
    next = done < total ? source.read(done, Math.min(STEP_BYTES, total - done)) : null
    // A read started ahead must not be left to reject unobserved if this step is the last one run.
    next?.catch(() => undefined)
    for (const hash of hashes) hash.update(data)
    options.onProgress?.(done, total)
  }
  throwIfAborted(options.signal)
  const [md5, sha1, sha256] = hashes
  return { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex') }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true)
    throw new AppError('CANCELLED', 'Hashing the image was cancelled.', { cause: signal.reason })
}

/** How one stored hash compares with the computed one. */
export type HashCheck = 'match' | 'mismatch' | 'absent'

/**
 * Compare the hashes an image stores (E01 MD5 / SHA-1) with computed ones: `absent` when the
 * image stores none of that kind.
 */
export function checkStoredHashes(
  container: Pick<Container, 'storedHashes'>,
  computed: MediaHashes,
): { readonly md5: HashCheck; readonly sha1: HashCheck } {
  const compare = (stored: string | undefined, actual: string): HashCheck =>
    stored === undefined ? 'absent' : stored.toLowerCase() === actual ? 'match' : 'mismatch'
  return {
    md5: compare(container.storedHashes.md5, computed.md5),
    sha1: compare(container.storedHashes.sha1, computed.sha1),
  }
}
