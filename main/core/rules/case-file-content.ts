import { basename, dirname, extname } from 'node:path'
import type { Db } from '../case/open-case-db'
import { AppError } from '../model/errors'
import type { FileExternals } from '../scan/child/protocol'
import { openCaseFile } from './case-file-open'

/** One case file's content, read in full for a rule test. */
export interface CaseFileContent {
  readonly fileId: number
  readonly path: string
  readonly bytes: Buffer
  readonly externals: FileExternals
}

/**
 * Read one file of the case from its evidence, read-only (see {@link openCaseFile}).
 *
 * Content a file system alone can give (NTFS resident or compressed data) has no runs: it is
 * refused with a pointer to "Test on evidence", which scans it through the scan process.
 *
 * @throws AppError `NOT_FOUND`, `INVALID_INPUT` (not a regular file, larger than `maxBytes`,
 *   no recorded runs), `PATH_*` / `EVIDENCE_*` from the readers
 */
export async function readCaseFile(
  db: Db,
  fileId: number,
  maxBytes: number,
): Promise<CaseFileContent> {
  const { row, reader, hostPath } = await openCaseFile(db, fileId, {
    fileSystemOnlyHint: 'use "Test on evidence".',
    beforeOpen: (recorded) => {
      if (recorded.size_bytes > maxBytes)
        throw new AppError(
          'INVALID_INPUT',
          `File ${fileId} is ${recorded.size_bytes} bytes, above the ${maxBytes}-byte limit of a test on one file; use "Test on evidence" (block mode).`,
        )
    },
  })
  try {
    if (reader.size > maxBytes)
      throw new AppError('INVALID_INPUT', `File ${fileId} grew past the ${maxBytes}-byte limit.`)
    const bytes = Buffer.alloc(reader.size)
    const read = await reader.read(bytes, 0)
    const externalPath = hostPath ?? row.path
    return {
      fileId,
      path: row.path,
      bytes: bytes.subarray(0, read),
      externals: {
        filename: basename(externalPath),
        filepath: dirname(externalPath),
        extension: extname(externalPath).toLowerCase(),
        owner: row.owner ?? '',
      },
    }
  } finally {
    reader.close()
  }
}
