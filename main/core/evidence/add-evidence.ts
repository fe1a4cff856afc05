import { randomUUID } from 'node:crypto'
import { realpathSync, statSync } from 'node:fs'
import { basename, isAbsolute, relative } from 'node:path'
import { appendAudit } from '../case/audit-log'
import type { CaseHandle } from '../case/case-file'
import { findEvidenceByPath, insertEvidence } from '../case/evidence-repo'
import { AppError } from '../model/errors'
import type { Evidence } from '../model/evidence'

/** A request to add evidence to a case. */
export interface AddEvidenceInput {
  readonly path: string
  readonly label?: string | undefined
  readonly examiner: string
}

/**
 * Add a folder or a file as evidence, by its real path (links resolved once, here, so the
 * record says exactly what was examined).
 *
 * @throws AppError `PATH_NOT_FOUND`, `PATH_UNREADABLE`, `EVIDENCE_EXISTS` or
 *   `CASE_INSIDE_EVIDENCE` (a case database inside the evidence would change the evidence).
 */
export function addEvidence(handle: CaseHandle, input: AddEvidenceInput): Evidence {
  const sourcePath = resolveEvidencePath(input.path)
  const stats = statSync(sourcePath)
  const kind = stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : null
  if (kind === null) {
    throw new AppError('PATH_UNREADABLE', `${sourcePath} is neither a folder nor a regular file.`)
  }
  const casePath = realpathSync(handle.info.path)
  if (kind === 'folder' && isInside(sourcePath, casePath)) {
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
      appendAudit(handle.db, handle.info.uuid, {
        actor: input.examiner,
        action: 'evidence.added',
        subject: evidence.uuid,
        details: { label, kind, sourcePath, sizeBytes: evidence.sizeBytes },
      })
      return evidence
    })
    .immediate()
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
