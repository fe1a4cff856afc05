import { appendAudit } from '../case/audit-log'
import { updateIntegrity } from '../case/evidence-repo'
import type { Db } from '../case/open-case-db'
import type { Evidence } from '../model/evidence'

/** The audit action of an evidence item whose bytes no longer match a recorded hash. */
export const HASH_MISMATCH_ACTION = 'evidence.hash-mismatch'

/** A recorded SHA-256 (or folder fingerprint) and the one computed now. */
export interface HashDrift {
  /** `SHA-256` of a file or image, `SHA-256 manifest` of a folder's files. */
  readonly algorithm: 'SHA-256' | 'SHA-256 manifest'
  readonly recorded: string
  readonly computed: string
  /** When the recorded value was computed (null when the case did not say). */
  readonly recordedAt: string | null
  /** What found it: a complete scan, or hashing the image again. */
  readonly during: 'scan' | 'rehash'
}

/**
 * The drift between what the case recorded for `current` and a freshly computed value, or null
 * when nothing was recorded yet or both agree (security-checks B3: hash before and after).
 */
export function hashDrift(
  current: Evidence,
  computed: { readonly sha256?: string | null; readonly manifestSha256?: string | null },
  during: HashDrift['during'],
): HashDrift | null {
  const pairs = [
    ['SHA-256 manifest', current.manifestSha256, computed.manifestSha256],
    ['SHA-256', current.sha256, computed.sha256],
  ] as const
  for (const [algorithm, recorded, now] of pairs) {
    if (recorded === null || now === null || now === undefined) continue
    if (recorded.toLowerCase() !== now.toLowerCase())
      return { algorithm, recorded, computed: now, recordedAt: current.hashedAt, during }
  }
  return null
}

/**
 * Mark the evidence `mismatch` (its recorded hashes are kept: they are the reference) and append
 * the `EVIDENCE_HASH_MISMATCH` audit event. Exports of the case are refused from then on
 * (`gatherExport`). Call inside the caller's transaction.
 */
export function recordHashDrift(
  db: Db,
  caseUuid: string,
  examiner: string,
  evidence: Evidence,
  drift: HashDrift,
): void {
  updateIntegrity(db, evidence.id, {
    state: 'mismatch',
    detail:
      `the evidence changed: its ${drift.algorithm} is now ${drift.computed}, ` +
      `not ${drift.recorded} as recorded${drift.recordedAt === null ? '' : ` at ${drift.recordedAt}`}`,
  })
  appendAudit(db, caseUuid, {
    actor: examiner,
    action: HASH_MISMATCH_ACTION,
    subject: evidence.uuid,
    details: { code: 'EVIDENCE_HASH_MISMATCH', ...drift },
  })
}
