import type { TriageStatus } from '../../../main/core/model/findings'
import { formatCount } from '../../lib/format'
import { triageLabel } from '../findings/triage-labels'
import { TRIAGE_CHOICES } from '../share/export-draft'
import type { FindingsFilter } from './findings-filter'

/** Props of {@link TriageCard}. */
export interface TriageCardProps {
  readonly counts: Readonly<Record<TriageStatus, number>>
  readonly onOpenFindings: (filter: FindingsFilter) => void
}

/** Reviewed = anything but "new", as a whole percentage (rounded down: 100% means all). */
export function reviewedPercent(counts: Readonly<Record<TriageStatus, number>>): number {
  const total = TRIAGE_CHOICES.reduce((sum, s) => sum + counts[s], 0)
  return total === 0 ? 0 : Math.floor(((total - counts.new) / total) * 100)
}

/**
 * Triage progress: the share of findings reviewed (any status but "new") and the count per
 * status, each opening the findings with that status.
 */
export function TriageCard({ counts, onOpenFindings }: TriageCardProps) {
  const reviewed = reviewedPercent(counts)
  return (
    <section className="card home-card" aria-labelledby="home-triage-title">
      <h3 id="home-triage-title">Triage progress</h3>
      <p>
        <label htmlFor="home-triage-progress">{reviewed}% reviewed</label>{' '}
        <progress id="home-triage-progress" max={100} value={reviewed}>
          {reviewed}%
        </progress>
      </p>
      <table className="data-table chart-table">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Findings
            </th>
          </tr>
        </thead>
        <tbody>
          {TRIAGE_CHOICES.map((status) => (
            <tr key={status}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Show findings for ${triageLabel(status)}`}
                  onClick={() => {
                    onOpenFindings({ triage: [status] })
                  }}
                >
                  {triageLabel(status)}
                </button>
              </th>
              <td className="num">{formatCount(counts[status])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
