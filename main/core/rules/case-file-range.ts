import type { Db } from '../case/open-case-db'
import { AppError } from '../model/errors'
import { MAX_FILE_READ_BYTES as MAX_RANGE_BYTES } from '../model/file-bytes'
import { openCaseFile } from './case-file-open'

/** A byte range of a case file, as the hex view shows it. */
export interface CaseFileRange {
  readonly fileId: number
  readonly offset: number
  readonly bytes: Buffer
  /** The file's size: `offset + bytes.length` never passes it. */
  readonly sizeBytes: number
}

/** What the hex view offers instead when the content cannot be read from its runs. */
const FILE_SYSTEM_ONLY_HINT = 'the stored match excerpts are shown instead.'

/**
 * Read `length` bytes (at most {@link MAX_RANGE_BYTES}) of a case file from `offset`, read-only,
 * never following a link (see {@link openCaseFile}). The range is clipped to the file: past its
 * end, no bytes. Unallocated blocks are read like files (their extents are recorded).
 *
 * A host file whose size differs from the one recorded at scan time is refused: its bytes are no
 * longer the ones the findings were made on.
 *
 * @throws AppError `INVALID_INPUT` (bad range, changed file, content only its file system can
 *   give), `NOT_FOUND`, `PATH_*` / `EVIDENCE_*` from the readers
 */
export async function readCaseFileRange(
  db: Db,
  fileId: number,
  offset: number,
  length: number,
): Promise<CaseFileRange> {
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new AppError('INVALID_INPUT', `The offset ${offset} is not a byte offset.`)
  if (!Number.isSafeInteger(length) || length < 1 || length > MAX_RANGE_BYTES)
    throw new AppError(
      'INVALID_INPUT',
      `A read is 1 to ${MAX_RANGE_BYTES} bytes; ${length} was asked for.`,
    )
  const { row, reader, hostPath } = await openCaseFile(db, fileId, {
    fileSystemOnlyHint: FILE_SYSTEM_ONLY_HINT,
    allowUnallocated: true,
  })
  try {
    if (hostPath !== null && reader.size !== row.size_bytes)
      throw new AppError(
        'INVALID_INPUT',
        `${hostPath} changed since it was scanned (${row.size_bytes} bytes then, ${reader.size} now); scan the evidence again to see its current content.`,
      )
    const sizeBytes = Math.min(reader.size, row.size_bytes)
    const end = Math.min(offset + length, sizeBytes)
    if (end <= offset) return { fileId, offset, bytes: Buffer.alloc(0), sizeBytes }
    const bytes = Buffer.alloc(end - offset)
    const read = await reader.read(bytes, offset)
    return { fileId, offset, bytes: bytes.subarray(0, read), sizeBytes }
  } finally {
    reader.close()
  }
}
