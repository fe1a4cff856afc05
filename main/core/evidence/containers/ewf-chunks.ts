import { AppError } from '../../model/errors'
import { adler32, describeError, inflateBounded } from './binary'
import type { BlockCache } from './block-cache'
import type { EwfTable } from './ewf-sections'

/** Table entries read at a time (16 KiB): tables are never loaded whole. */
const ENTRIES_PER_PIECE = 4096
/** Most chunks, and bytes, fetched by one read ahead. */
const MAX_BATCH_CHUNKS = 128
const MAX_BATCH_BYTES = 4 * 1024 * 1024
/** Slack allowed above the chunk size for a stored chunk (checksum, zlib framing). */
const STORED_SLACK = 4096

/** What reading chunks needs: the tables, the geometry, the container's cache. */
export interface EwfChunks {
  readonly tables: readonly EwfTable[]
  readonly chunkSize: number
  readonly size: number
  readonly cache: BlockCache
  /** Cache key prefix of this image. */
  readonly key: string
}

interface Place {
  readonly index: number
  readonly table: EwfTable
  readonly start: number
  readonly end: number
  readonly compressed: boolean
}

/**
 * The media of chunk `index`, inflated or checksum-verified. When it is not cached, chunks up to
 * `last` that lie next to it in the same segment are read in the same I/O and cached too (a
 * damaged one among them is left to fail when it is itself asked for).
 *
 * @throws AppError `EVIDENCE_READ` naming the chunk, its media offset, file and file offset.
 */
export async function readEwfChunk(
  reader: EwfChunks,
  index: number,
  last: number,
): Promise<Buffer> {
  return reader.cache.get(chunkKey(reader, index), () => loadBatch(reader, index, last))
}

function chunkKey(reader: EwfChunks, index: number): string {
  return `${reader.key}:ewf-chunk:${index}`
}

async function loadBatch(reader: EwfChunks, index: number, last: number): Promise<Buffer> {
  const table = findTable(reader.tables, index)
  const first = await place(reader, table, index)
  checkPlace(reader, first)
  const batch = [first]
  const end = Math.min(last, table.firstChunk + table.count - 1, index + MAX_BATCH_CHUNKS - 1)
  for (let k = index + 1; k <= end; k++) {
    const next = await place(reader, table, k)
    const previous = batch[batch.length - 1] ?? first
    if (
      next.start !== previous.end ||
      next.end - first.start > MAX_BATCH_BYTES ||
      !isSane(reader, next)
    )
      break
    if (reader.cache.peek(chunkKey(reader, k)) !== undefined) break
    batch.push(next)
  }
  const lastPlace = batch[batch.length - 1] ?? first
  const span = await table.file.read(first.start, lastPlace.end - first.start)
  for (const other of batch.slice(1)) {
    try {
      reader.cache.put(chunkKey(reader, other.index), decode(reader, other, span, first.start))
    } catch {
      // Reported when this chunk is itself read.
    }
  }
  return decode(reader, first, span, first.start)
}

async function place(reader: EwfChunks, table: EwfTable, index: number): Promise<Place> {
  const entry = index - table.firstChunk
  const raw = await tableEntry(reader, table, entry)
  const start = table.base + (raw & 0x7fffffff)
  const end =
    entry + 1 < table.count
      ? table.base + ((await tableEntry(reader, table, entry + 1)) & 0x7fffffff)
      : table.dataEnd
  return { index, table, start, end, compressed: raw >>> 31 === 1 }
}

function expectedBytes(reader: EwfChunks, index: number): number {
  return Math.min(reader.chunkSize, reader.size - index * reader.chunkSize)
}

function isSane(reader: EwfChunks, at: Place): boolean {
  const stored = at.end - at.start
  return (
    stored > 0 &&
    stored <= reader.chunkSize + STORED_SLACK &&
    at.end <= at.table.file.size &&
    (at.compressed || stored >= expectedBytes(reader, at.index) + 4)
  )
}

function checkPlace(reader: EwfChunks, at: Place): void {
  if (!isSane(reader, at))
    throw chunkError(
      reader,
      at,
      `its table entry points outside the data (${at.end - at.start} bytes stored)`,
    )
}

function decode(reader: EwfChunks, at: Place, span: Buffer, spanStart: number): Buffer {
  const data = span.subarray(at.start - spanStart, at.end - spanStart)
  const expected = expectedBytes(reader, at.index)
  if (data.length < at.end - at.start)
    throw chunkError(reader, at, 'the segment file ends inside it')
  if (at.compressed) return inflateChunk(reader, at, data, expected)
  if (adler32(data, 0, expected) !== data.readUInt32LE(expected))
    throw chunkError(reader, at, 'checksum mismatch, the data was altered or damaged')
  // A copy, so the cache never pins the whole read-ahead buffer.
  return Buffer.from(data.subarray(0, expected))
}

function inflateChunk(reader: EwfChunks, at: Place, data: Buffer, expected: number): Buffer {
  let out: Buffer
  try {
    out = inflateBounded(data, reader.chunkSize)
  } catch (error: unknown) {
    throw chunkError(reader, at, `the compressed data is damaged (${describeError(error)})`, error)
  }
  if (out.length < expected)
    throw chunkError(reader, at, `it inflates to ${out.length} bytes, ${expected} expected`)
  return out.length === expected ? out : out.subarray(0, expected)
}

function chunkError(reader: EwfChunks, at: Place, why: string, cause?: unknown): AppError {
  return new AppError(
    'EVIDENCE_READ',
    `Cannot read chunk ${at.index} (media offset ${at.index * reader.chunkSize}) in ` +
      `${at.table.file.path} at offset ${at.start}: ${why}. Verify the image (hash it) and ` +
      're-copy it from the original.',
    cause === undefined ? undefined : { cause },
  )
}

function findTable(tables: readonly EwfTable[], index: number): EwfTable {
  let low = 0
  let high = tables.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((tables[mid]?.firstChunk ?? 0) <= index) low = mid
    else high = mid - 1
  }
  const table = tables[low]
  if (table === undefined || index >= table.firstChunk + table.count)
    throw new AppError('EVIDENCE_READ', `Cannot read chunk ${index}: no chunk table lists it.`)
  return table
}

async function tableEntry(reader: EwfChunks, table: EwfTable, entry: number): Promise<number> {
  const piece = Math.floor(entry / ENTRIES_PER_PIECE)
  const first = piece * ENTRIES_PER_PIECE
  const count = Math.min(ENTRIES_PER_PIECE, table.count - first)
  const key = `${table.file.id}:ewf-table:${table.entriesAt}:${piece}`
  const data = await reader.cache.get(key, () =>
    table.file.readRequired(table.entriesAt + first * 4, count * 4, 'chunk table'),
  )
  return data.readUInt32LE((entry - first) * 4)
}
