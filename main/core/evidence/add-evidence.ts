import { randomUUID } from 'node:crypto'
import { realpathSync, statSync } from 'node:fs'
import { basename, isAbsolute, relative } from 'node:path'
import { appendAudit } from '../case/audit-log'
import type { CaseHandle } from '../case/case-file'
import { findEvidenceByPath, insertEvidence } from '../case/evidence-repo'
import { recordLayout } from '../case/layout-repo'
import { isDiskImage, openImage } from './image-layout'
import { AppError } from '../model/errors'
import type { Evidence } from '../model/evidence'

/** A request to add evidence to a case. */
export interface AddEvidenceInput {
  readonly path: string
  readonly label?: string | undefined
  readonly examiner: string
}

/**
 * Add a folder, a file or a disk image as evidence, by its real path (links resolved once, here,
 * so the record says exactly what was examined). A file is an image when its content says so
 * (a container format, a partition table or a file system), whatever its name.
 *
 * @throws AppError `PATH_NOT_FOUND`, `PATH_UNREADABLE`, `EVIDENCE_EXISTS` or
 *   `CASE_INSIDE_EVIDENCE` (a case database inside the evidence would change the evidence).
 */
export async function addEvidence(handle: CaseHandle, input: AddEvidenceInput): Promise<Evidence> {
  const sourcePath = resolveEvidencePath(input.path)
  const stats = statSync(sourcePath)
  const isFolder = stats.isDirectory()
  if (!isFolder && !stats.isFile()) {
    throw new AppError('PATH_UNREADABLE', `${sourcePath} is neither a folder nor a regular file.`)
  }
  const casePath = realpathSync(handle.info.path)
  if (isFolder && isInside(sourcePath, casePath)) {
    throw new AppError(
      'CASE_INSIDE_EVIDENCE',
      `The case file ${casePath} is inside ${sourcePath}: writing the case would change the evidence. ` +
        'Keep case files outside evidence folders.',
    )
  }
  if (findEvidenceByPath(handle.db, sourcePath)) {
    throw new AppError('EVIDENCE_EXISTS', `${sourcePath} is already evidence in this case.`)
  }
  const label = input.label?.trim() || basename(sourcePath) || sourcePath
  if (!isFolder && (await isDiskImage(sourcePath)))
    return addImage(handle, input, sourcePath, label)
  const kind = isFolder ? 'folder' : 'file'
  return handle.db
    .transaction(() => {
      const evidence = insertEvidence(handle.db, {
        uuid: randomUUID(),
        label,
        kind,
        sourcePath,
        sizeBytes: kind === 'file' ? stats.size : null,
        addedBy: input.examiner,
      })
      audit(handle, input.examiner, evidence, {
        label,
        kind,
        sourcePath,
        sizeBytes: evidence.sizeBytes,
      })
      return evidence
    })
    .immediate()
}

/**
 * Add a disk image: its container, volumes and file systems are read and recorded now (header
 * reads only); hashing the whole image is a separate, cancellable step (`hashImageEvidence`).
 */
async function addImage(
  handle: CaseHandle,
  input: AddEvidenceInput,
  sourcePath: string,
  label: string,
): Promise<Evidence> {
  const image = await openImage(sourcePath)
  try {
    const { container } = image
    return handle.db
      .transaction(() => {
        const evidence = insertEvidence(handle.db, {
          uuid: randomUUID(),
          label,
          kind: 'image',
          sourcePath,
          sizeBytes: container.size,
          addedBy: input.examiner,
          container: {
            format: container.format,
            files: container.files,
            details: container.details,
            storedMd5: container.storedHashes.md5 ?? null,
            storedSha1: container.storedHashes.sha1 ?? null,
          },
        })
        recordLayout(handle.db, evidence.id, image)
        audit(handle, input.examiner, evidence, {
          label,
          kind: 'image',
          sourcePath,
          format: container.format,
          files: container.files,
          mediaSize: container.size,
          storedHashes: container.storedHashes,
          scheme: image.layout.scheme,
          volumes: image.volumes.map((v) => ({
            slot: v.volume.slot,
            start: v.volume.start,
            length: v.volume.length,
            type: v.volume.type,
            fileSystem: v.fileSystem?.kind ?? null,
            problem: v.problem,
          })),
          warnings: image.layout.warnings,
        })
        return evidence
      })
      .immediate()
  } finally {
    await image.close()
  }
}

function audit(
  handle: CaseHandle,
  examiner: string,
  evidence: Evidence,
  details: Record<string, unknown>,
): void {
  appendAudit(handle.db, handle.info.uuid, {
    actor: examiner,
    action: 'evidence.added',
    subject: evidence.uuid,
    details,
  })
}

function resolveEvidencePath(path: string): string {
  if (!isAbsolute(path)) {
    throw new AppError('INVALID_INPUT', `Evidence paths must be absolute: ${path}`)
  }
  try {
    return realpathSync(path)
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new AppError('PATH_NOT_FOUND', `There is nothing at ${path}.`, { cause: error })
    }
    throw new AppError('PATH_UNREADABLE', `Cannot read ${path} (${code ?? 'error'}).`, {
      cause: error,
    })
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}
