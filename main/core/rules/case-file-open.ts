import { lstatSync } from 'node:fs'
import { isAbsolute, join, normalize, sep } from 'node:path'
import { getEvidence } from '../case/evidence-repo'
import type { Db } from '../case/open-case-db'
import { openContainer } from '../evidence/containers/open-container'
import { AppError } from '../model/errors'
import type { ContentReader, Extents } from '../scan/analysis/content-reader'
import { extentReader, openHostFile } from '../scan/analysis/content-reader'

/** The `files` columns the readers of a case file need. */
export interface CaseFileRow {
  readonly id: number
  readonly evidence_id: number
  readonly path: string
  readonly name: string
  readonly kind: string
  readonly size_bytes: number
  readonly owner: string | null
  readonly runs_json: string | null
  readonly flags: string | null
}

/** A case file opened for reading: close `reader` when done. */
export interface OpenedCaseFile {
  readonly row: CaseFileRow
  readonly reader: ContentReader
  /** The file on the host (folder or single-file evidence), or null inside an image. */
  readonly hostPath: string | null
}

export interface OpenCaseFileOptions {
  /** What the analyst can do instead when the content is only readable through its file system. */
  readonly fileSystemOnlyHint: string
  /** Also open blocks of unallocated space (their extents are recorded like a file's runs). */
  readonly allowUnallocated?: boolean
  /** Checks of the recorded row, run before anything is opened (throw to refuse). */
  readonly beforeOpen?: (row: CaseFileRow) => void
}

/**
 * Flags of entries whose recorded runs only locate the content (NTFS resident or LZNT1-compressed
 * data, ext4 inline data): their bytes come from the file system alone, not from the runs.
 */
const FILE_SYSTEM_ONLY_FLAGS = new Set(['resident', 'lznt1', 'in-inode'])

/**
 * Open one file of the case from its evidence, read-only, through the scanner's own readers: a
 * host file (folder or single-file evidence) opened with O_NOFOLLOW and O_NOATIME, after checking
 * that no part of its path below the evidence folder is a link; a file inside a disk image through
 * the image's container and the data runs recorded when it was listed.
 *
 * @throws AppError `NOT_FOUND`, `INVALID_INPUT` (not a regular file, a link, content only its file
 *   system can give), `PATH_*` / `EVIDENCE_*` from the readers
 */
export async function openCaseFile(
  db: Db,
  fileId: number,
  options: OpenCaseFileOptions,
): Promise<OpenedCaseFile> {
  const row = db
    .prepare(
      'SELECT id, evidence_id, path, name, kind, size_bytes, owner, runs_json, flags FROM files WHERE id = ?',
    )
    .get(fileId) as CaseFileRow | undefined
  if (!row) throw new AppError('NOT_FOUND', `There is no file ${fileId} in this case.`)
  const unallocated = row.kind === 'unallocated' && options.allowUnallocated === true
  if (row.kind !== 'file' && !unallocated)
    throw new AppError('INVALID_INPUT', `File ${fileId} is a ${row.kind}, not a regular file.`)
  options.beforeOpen?.(row)
  const evidence = getEvidence(db, row.evidence_id)
  if (!evidence) throw new AppError('NOT_FOUND', `There is no evidence ${row.evidence_id}.`)
  if (evidence.kind === 'image')
    return { row, reader: await imageReader(evidence.sourcePath, row, options), hostPath: null }
  const hostPath = hostPathOf(evidence.kind, evidence.sourcePath, row.path)
  const root = evidence.kind === 'file' ? null : evidence.sourcePath
  return { row, reader: openHost(hostPath, root, row.path), hostPath }
}

/** Where a folder's (or a single file's) entry is on the host; never outside the evidence. */
function hostPathOf(kind: string, sourcePath: string, relPath: string): string {
  if (kind === 'file') return sourcePath
  const rel = normalize(relPath)
  if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`) || rel.includes('\0'))
    throw new AppError('INVALID_INPUT', `The recorded path ${relPath} leaves its evidence.`)
  return join(sourcePath, rel)
}

/**
 * Open a host file. O_NOFOLLOW guards the last component only, so the folders between the
 * evidence root and the file are checked first: a folder replaced by a link since the scan could
 * otherwise lead out of the evidence.
 */
function openHost(path: string, root: string | null, relPath: string): ContentReader {
  try {
    if (root !== null) refuseLinkedFolders(root, relPath)
    if (lstatSync(path).isSymbolicLink())
      throw new AppError('INVALID_INPUT', `${path} is now a link; links are not followed.`)
    if (!lstatSync(path).isFile())
      throw new AppError('INVALID_INPUT', `${path} is no longer a regular file.`)
    return openHostFile(path)
  } catch (error: unknown) {
    if (error instanceof AppError) throw error
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new AppError('PATH_NOT_FOUND', `The evidence file ${path} is no longer there.`)
    if (code === 'ELOOP')
      throw new AppError('INVALID_INPUT', `${path} is now a link; links are not followed.`)
    throw new AppError('PATH_UNREADABLE', `Cannot read ${path} (${code}).`, { cause: error })
  }
}

function refuseLinkedFolders(root: string, relPath: string): void {
  const parts = normalize(relPath)
    .split(sep)
    .filter((p) => p !== '' && p !== '.')
  let folder = root
  for (const part of parts.slice(0, -1)) {
    folder = join(folder, part)
    if (lstatSync(folder).isSymbolicLink())
      throw new AppError('INVALID_INPUT', `${folder} is now a link; links are not followed.`)
  }
}

async function imageReader(
  imagePath: string,
  row: CaseFileRow,
  options: OpenCaseFileOptions,
): Promise<ContentReader> {
  const flags = (row.flags ?? '').split(',')
  if (row.runs_json === null || flags.some((flag) => FILE_SYSTEM_ONLY_FLAGS.has(flag)))
    throw new AppError(
      'INVALID_INPUT',
      `The content of ${row.name} is only readable through its file system (resident, compressed or inline data); ${options.fileSystemOnlyHint}`,
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
