import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import { invoke } from '../../lib/api'
import { parseHex } from '../../lib/bytes'

/** Bytes fetched per `files:read` (the channel allows up to 64 KiB). */
export const CHUNK_BYTES = 16 * 1024

/** Chunks kept: 64 × 16 KiB = 1 MiB of a file at most, however far the analyst scrolls. */
export const MAX_CACHED_CHUNKS = 64

type Chunk =
  | { readonly kind: 'ready'; readonly bytes: Uint8Array }
  | { readonly kind: 'error'; readonly error: ErrorInfo }

interface Cache {
  readonly fileId: number
  readonly chunks: ReadonlyMap<number, Chunk>
}

/** What {@link useHexChunks} hands back. */
export interface HexChunks {
  /** The byte at `offset`, or undefined while its chunk is loading (or failed). */
  readonly byteAt: (offset: number) => number | undefined
  /** The first error of a chunk in view, or null. */
  readonly error: ErrorInfo | null
  /** Forget the failed chunks, so they are asked for again. */
  readonly retry: () => void
}

/**
 * The bytes of `[from, to)` of a case file, fetched in chunks of {@link CHUNK_BYTES} through
 * `files:read` as they come into view, and kept in a bounded cache (oldest chunks out of view
 * leave first).
 */
export function useHexChunks(
  fileId: number,
  sizeBytes: number,
  from: number,
  to: number,
): HexChunks {
  const [cache, setCache] = useState<Cache>({ fileId, chunks: new Map() })
  const inFlight = useRef(new Set<string>())
  // Answers for a file no longer shown are dropped (the view may switch files mid-request).
  const shownFile = useRef(fileId)
  useEffect(() => {
    shownFile.current = fileId
  }, [fileId])
  const chunks = cache.fileId === fileId ? cache.chunks : EMPTY
  const first = Math.floor(from / CHUNK_BYTES)
  const last = Math.floor((Math.min(to, sizeBytes) - 1) / CHUNK_BYTES)

  useEffect(() => {
    for (let index = first; index <= last; index++) {
      const key = `${fileId}:${index}`
      if (chunks.has(index) || inFlight.current.has(key)) continue
      inFlight.current.add(key)
      const offset = index * CHUNK_BYTES
      const length = Math.min(CHUNK_BYTES, sizeBytes - offset)
      void invoke('files:read', { fileId, offset, length }).then((result) => {
        inFlight.current.delete(key)
        const chunk: Chunk = result.ok
          ? readyChunk(result.value.bytesHex)
          : { kind: 'error', error: result.error }
        if (shownFile.current !== fileId) return
        setCache((now) => withChunk(now, fileId, index, chunk, [first, last]))
      })
    }
  }, [fileId, sizeBytes, first, last, chunks])

  const byteAt = useCallback(
    (offset: number) => {
      const chunk = chunks.get(Math.floor(offset / CHUNK_BYTES))
      return chunk?.kind === 'ready' ? chunk.bytes[offset % CHUNK_BYTES] : undefined
    },
    [chunks],
  )
  let error: ErrorInfo | null = null
  for (let index = first; index <= last && error === null; index++) {
    const chunk = chunks.get(index)
    if (chunk?.kind === 'error') error = chunk.error
  }
  const retry = useCallback(() => {
    setCache((now) => ({
      fileId: now.fileId,
      chunks: new Map([...now.chunks].filter(([, chunk]) => chunk.kind === 'ready')),
    }))
  }, [])
  return { byteAt, error, retry }
}

const EMPTY: ReadonlyMap<number, Chunk> = new Map()

function readyChunk(hex: string): Chunk {
  const bytes = parseHex(hex)
  return bytes === null
    ? { kind: 'error', error: { code: 'INTERNAL', message: 'The file bytes came back garbled.' } }
    : { kind: 'ready', bytes }
}

/** The cache with `chunk` added, trimmed to {@link MAX_CACHED_CHUNKS} (never the ones in view). */
function withChunk(
  now: Cache,
  fileId: number,
  index: number,
  chunk: Chunk,
  inView: readonly [number, number],
): Cache {
  const chunks = new Map(now.fileId === fileId ? now.chunks : [])
  chunks.set(index, chunk)
  for (const key of chunks.keys()) {
    if (chunks.size <= MAX_CACHED_CHUNKS) break
    if (key < inView[0] || key > inView[1]) chunks.delete(key)
  }
  return { fileId, chunks }
}
