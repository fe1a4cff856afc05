import type { ScanProgress, ScanStatus } from '../../../main/core/model/scan'
import { assertNever } from '../../lib/assert-never'

/** The human label of a scan status. */
export function statusLabel(status: ScanStatus): string {
  switch (status) {
    case 'running':
      return 'Running'
    case 'completed':
      return 'Completed'
    case 'cancelled':
      return 'Cancelled'
    case 'interrupted':
      return 'Interrupted'
    case 'failed':
      return 'Failed'
    default:
      return assertNever(status, 'scan status')
  }
}

/** The human label of a scan phase. */
export function phaseLabel(phase: ScanProgress['phase']): string {
  switch (phase) {
    case 'compiling':
      return 'Compiling rules'
    case 'scanning':
      return 'Scanning files'
    case 'paused':
      return 'Paused'
    case 'finishing':
      return 'Finishing'
    case 'done':
      return 'Done'
    default:
      return assertNever(phase, 'scan phase')
  }
}
