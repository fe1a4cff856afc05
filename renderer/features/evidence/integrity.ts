import type { Evidence, EvidenceProgress, IntegrityState } from '../../../main/core/model/evidence'
import { assertNever } from '../../lib/assert-never'
import type { BadgeTone } from '../../components/Badge'

/** The badge text of an integrity state (the one the status reads). */
export function integrityLabel(state: IntegrityState): string {
  switch (state) {
    case 'not-applicable':
      return 'Not applicable'
    case 'pending':
      return 'Pending'
    case 'hashing':
      return 'Hashing'
    case 'computed':
      return 'Computed'
    case 'verified':
      return 'Verified'
    case 'mismatch':
      return 'MISMATCH'
    case 'cancelled':
      return 'Cancelled'
    case 'failed':
      return 'Failed'
    default:
      return assertNever(state, 'integrity state')
  }
}

/** The tone of an integrity badge: a mismatch or a failure must stand out. */
export function integrityTone(state: IntegrityState): BadgeTone {
  switch (state) {
    case 'verified':
      return 'ok'
    case 'mismatch':
    case 'failed':
      return 'danger'
    case 'cancelled':
      return 'warning'
    case 'not-applicable':
    case 'pending':
    case 'hashing':
    case 'computed':
      return 'neutral'
    default:
      return assertNever(state, 'integrity state')
  }
}

function storedHashNames(item: Evidence): string {
  const names = [item.storedMd5 === null ? null : 'MD5', item.storedSha1 === null ? null : 'SHA-1']
  return names.filter((n) => n !== null).join(' and ')
}

/** One line saying what an integrity state means for this item (null when the badge says it). */
export function integrityExplanation(item: Evidence, state: IntegrityState): string | null {
  switch (state) {
    case 'verified': {
      const names = storedHashNames(item)
      return names === '' ? 'Matches the acquisition hash.' : `Stored ${names} match.`
    }
    case 'computed':
      return 'Hashed in full; the image stores no acquisition hash to compare.'
    case 'cancelled':
      return 'Hashing was cancelled: the image is not verified.'
    case 'mismatch':
      return 'The image does not match its acquisition hash.'
    case 'pending':
      return 'Waiting to be hashed.'
    case 'failed':
    case 'hashing':
    case 'not-applicable':
      return null
    default:
      return assertNever(state, 'integrity state')
  }
}

/**
 * The integrity to show: the latest progress event's, which is newer than the listed item
 * while the work runs (and equal to it once `evidence:list` has been fetched again).
 */
export function currentIntegrity(
  item: Evidence,
  progress: EvidenceProgress | undefined,
): IntegrityState {
  return progress?.integrity ?? item.integrity
}

/**
 * True while the listing or hashing of an image may still be running, so it can be cancelled.
 *
 * Without an event (a reloaded window) the stored state says so.
 */
export function isTaskRunning(item: Evidence, progress: EvidenceProgress | undefined): boolean {
  if (progress !== undefined) return progress.phase !== 'done'
  return item.kind === 'image' && (item.integrity === 'pending' || item.integrity === 'hashing')
}
