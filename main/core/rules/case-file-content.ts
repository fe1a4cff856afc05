import { basename, dirname, extname, isAbsolute, join, normalize, sep } from 'node:path'
import { getEvidence } from '../case/evidence-repo'
import type { Db } from '../case/open-case-db'
import { openContainer } from '../evidence/containers/open-container'
import { AppError } from '../model/errors'
import type { ContentReader, Extents } from '../scan/analysis/content-reader'
import { extentReader, openHostFile } from '../scan/analysis/content-reader'
import type { FileExternals } from '../scan/child/protocol'

/** One case file's content, read in full for a rule test. */
export interface CaseFileContent {
  readonly fileId: number
  readonly path: string
  readonly bytes: Buffer
  readonly externals: FileExternals
}

interface FileRow {
  readonly id: number
  readonly evidence_id: number
  readonly path: string
  readonly name: string
  readonly kind: string
  readonly size_bytes: number
  readonly owner: string | null
  readonly runs_json: string | null
}

/**
 * Read one file of the case from its evidence, read-only, through the scanner's own readers: a
 * host file (folder or single-file evidence) opened with O_NOFOLLOW and O_NOATIME; a file inside
 * a disk image through the image's container and the data runs recorded when it was listed.
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
  const row = db
    .prepare(
      'SELECT id, evidence_id, path, name, kind, size_bytes, owner, runs_json FROM files WHERE id = ?',
    )
    .get(fileId) as FileRow | undefined
  if (!row) throw new AppError('NOT_FOUND', `There is no file ${fileId} in this case.`)
  if (row.kind !== 'file')
    throw new AppError('INVALID_INPUT', `File ${fileId} is a ${row.kind}, not a regular file.`)
  if (row.size_bytes > maxBytes)
    throw new AppError(
      'INVALID_INPUT',
      `File ${fileId} is ${row.size_bytes} bytes, above the ${maxBytes}-byte limit of a test on one file; use "Test on evidence" (block mode).`,
    )
  const evidence = getEvidence(db, row.evidence_id)
  if (!evidence) throw new AppError('NOT_FOUND', `There is no evidence ${row.evidence_id}.`)
  const reader =
    evidence.kind === 'image'
      ? await imageReader(evidence.sourcePath, row)
      : openHost(hostPathOf(evidence.kind, evidence.sourcePath, row.path))
  try {
    if (reader.size > maxBytes)
      throw new AppError('INVALID_INPUT', `File ${fileId} grew past the ${maxBytes}-byte limit.`)
    const bytes = Buffer.alloc(reader.size)
    const read = await reader.read(bytes, 0)
    const hostPath =
      evidence.kind === 'image'
        ? row.path
        : hostPathOf(evidence.kind, evidence.sourcePath, row.path)
    return {
      fileId,
      path: row.path,
      bytes: bytes.subarray(0, read),
      externals: {
        filename: basename(hostPath),
        filepath: dirname(hostPath),
        extension: extname(hostPath).toLowerCase(),
        owner: row.owner ?? '',
      },
    }
  } finally {
    reader.close()
  }
}

/** Where a folder's (or a single file's) entry is on the host; never outside the evidence. */
function hostPathOf(kind: string, sourcePath: string, relPath: string): string {
  if (kind === 'file') return sourcePath
  const rel = normalize(relPath)
  if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`) || rel.includes('\0'))
    throw new AppError('INVALID_INPUT', `The recorded path ${relPath} leaves its evidence.`)
  return join(sourcePath, rel)
}

function openHost(path: string): ContentReader {
  try {
    return openHostFile(path)
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    if (code === 'ENOENT')
      throw new AppError('PATH_NOT_FOUND', `The evidence file ${path} is no longer there.`)
    if (code === 'ELOOP')
      throw new AppError('INVALID_INPUT', `${path} is now a link; links are not followed.`)
    throw new AppError('PATH_UNREADABLE', `Cannot read ${path} (${code}).`, { cause: error })
  }
}

async function imageReader(imagePath: string, row: FileRow): Promise<ContentReader> {
  if (row.runs_json === null)
    throw new AppError(
      'INVALID_INPUT',
      `The content of ${row.name} is only readable through its file system (resident or compressed data); use "Test on evidence".`,
    )
  const extents = JSON.parse(row.runs_json) as Extents
  const image = await openContainer(imagePath)
  const reader = extentReader(image, extents, row.size_bytes)
  return {
    ...reader,
    close: () => {
      void image.close()
    },
  }
}
