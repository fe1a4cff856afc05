import type { TriageStatus } from '../../../main/core/model/findings'
import { assertNever } from '../../lib/assert-never'

/** The human label of a triage status. */
export function triageLabel(status: TriageStatus): string {
  switch (status) {
    case 'new':
      return 'New'
    case 'needs-review':
      return 'Needs review'
    case 'confirmed':
      return 'Confirmed'
    case 'false-positive':
      return 'False positive'
    case 'benign':
      return 'Benign'
    default:
      return assertNever(status, 'triage status')
  }
}
