import { appendAudit } from '../case/audit-log'
import type { CaseHandle } from '../case/case-file'
import { getEvidence, updateIntegrity } from '../case/evidence-repo'
import { hashDrift, recordHashDrift } from '../evidence/hash-drift'
import type { IntegrityUpdate } from '../case/evidence-repo'
import { AppError } from '../model/errors'
import type { Evidence } from '../model/evidence'
import type { ScanChildLauncher } from './child/child-handle'
import type { ChildResponse } from './child/protocol'

/** Progress of hashing an image: bytes done of total. */
export type HashProgress = (done: number, total: number) => void

/**
 * Hash a whole image (MD5, SHA-1, SHA-256 of its media) in a scan process, compare with the
 * acquisition hash the image stores (EWF), and record both outcome and hashes in the case and
 * the audit log. Cancelling kills the process; the evidence is then marked `cancelled`.
 *
 * Runs in a killable process because decompressing an E01 is CPU work that would stall the UI.
 * Hashing an image again compares with the SHA-256 recorded the first time: a difference is an
 * `EVIDENCE_HASH_MISMATCH` (see {@link recordHashDrift}); the recorded hashes stay the reference.
 */
export async function hashImageEvidence(
  handle: CaseHandle,
  evidence: Evidence,
  options: {
    readonly launcher: ScanChildLauncher
    readonly examiner: string
    readonly onProgress?: HashProgress
    readonly signal?: AbortSignal
  },
): Promise<IntegrityUpdate> {
  if (evidence.kind !== 'image')
    throw new AppError('INVALID_INPUT', `${evidence.label} is not a disk image.`)
  updateIntegrity(handle.db, evidence.id, { state: 'hashing', detail: null })
  let update: IntegrityUpdate
  try {
    const hashes = await hashInChild(evidence.sourcePath, options)
    // Hashed before (added, then hashed again): the media must still be what was recorded (B3).
    const recorded = getEvidence(handle.db, evidence.id)
    const drift = recorded === undefined ? null : hashDrift(recorded, hashes, 'rehash')
    if (recorded !== undefined && drift !== null) {
      handle.db
        .transaction(() => {
          recordHashDrift(handle.db, handle.info.uuid, options.examiner, recorded, drift)
        })
        .immediate()
      return {
        state: 'mismatch',
        detail: getEvidence(handle.db, evidence.id)?.integrityDetail ?? null,
        hashes,
      }
    }
    update = judge(evidence, hashes)
  } catch (error: unknown) {
    const cancelled = error instanceof AppError && error.code === 'CANCELLED'
    update = {
      state: cancelled ? 'cancelled' : 'failed',
      detail: error instanceof Error ? error.message : String(error),
    }
  }
  handle.db
    .transaction(() => {
      updateIntegrity(handle.db, evidence.id, update)
      appendAudit(handle.db, handle.info.uuid, {
        actor: options.examiner,
        action: `evidence.${update.state === 'verified' || update.state === 'computed' ? 'hashed' : `hash-${update.state}`}`,
        subject: evidence.uuid,
        details: {
          state: update.state,
          detail: update.detail,
          hashes: update.hashes ?? null,
          stored: { md5: evidence.storedMd5, sha1: evidence.storedSha1 },
        },
      })
    })
    .immediate()
  return update
}

function judge(
  evidence: Evidence,
  hashes: { md5: string; sha1: string; sha256: string },
): IntegrityUpdate {
  const stored = [
    ['MD5', evidence.storedMd5, hashes.md5],
    ['SHA-1', evidence.storedSha1, hashes.sha1],
  ] as const
  const checked = stored.filter(([, expected]) => expected !== null)
  if (checked.length === 0) {
    return {
      state: 'computed',
      detail: 'the image stores no acquisition hash; these are the hashes of its media',
      hashes,
    }
  }
  const wrong = checked.filter(([, expected, actual]) => expected?.toLowerCase() !== actual)
  if (wrong.length > 0) {
    return {
      state: 'mismatch',
      detail: wrong
        .map(([name, expected, actual]) => `${name}: stored ${expected ?? ''}, computed ${actual}`)
        .join('; '),
      hashes,
    }
  }
  return {
    state: 'verified',
    detail: `the media matches the stored ${checked.map(([name]) => name).join(' and ')}`,
    hashes,
  }
}

function hashInChild(
  imagePath: string,
  options: {
    readonly launcher: ScanChildLauncher
    readonly onProgress?: HashProgress
    readonly signal?: AbortSignal
  },
): Promise<{ md5: string; sha1: string; sha256: string }> {
  const child = options.launcher.launch()
  return new Promise((resolve, reject) => {
    let settled = false
    const finish = (action: () => void): void => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', abort)
      child.kill()
      action()
    }
    const abort = (): void => {
      finish(() => {
        reject(new AppError('CANCELLED', 'Hashing the image was cancelled.'))
      })
    }
    if (options.signal?.aborted) {
      abort()
      return
    }
    options.signal?.addEventListener('abort', abort)
    child.onMessage((message: ChildResponse) => {
      if (message.type === 'hashProgress') options.onProgress?.(message.done, message.total)
      else if (message.type === 'hashResult')
        finish(() => {
          resolve({ md5: message.md5, sha1: message.sha1, sha256: message.sha256 })
        })
      else if (message.type === 'jobFailed')
        finish(() => {
          reject(new AppError('EVIDENCE_READ', message.message))
        })
    })
    child.onExit((code, signal) => {
      finish(() => {
        reject(
          new AppError(
            'EVIDENCE_READ',
            `The hashing process stopped (code ${String(code)}, signal ${String(signal)}).`,
          ),
        )
      })
    })
    child.send({ type: 'hashImage', jobId: 1, imagePath })
  })
}
