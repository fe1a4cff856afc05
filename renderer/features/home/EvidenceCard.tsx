import type { Evidence } from '../../../main/core/model/evidence'
import { Badge } from '../../components/Badge'
import { SafeText } from '../../components/SafeText'
import { formatCount, formatSize } from '../../lib/format'
import { kindLabel } from '../evidence/evidence-labels'
import { integrityLabel, integrityTone } from '../evidence/integrity'

/** Props of {@link EvidenceCard}. */
export interface EvidenceCardProps {
  readonly evidence: readonly Evidence[]
}

/**
 * The case's evidence with its integrity (the evidence list's badges: Verified, MISMATCH,
 * Computed, Pending…); folders and single files have no acquisition hash to check.
 */
export function EvidenceCard({ evidence }: EvidenceCardProps) {
  return (
    <section className="card home-card home-wide" aria-labelledby="home-evidence-title">
      <h3 id="home-evidence-title">Evidence</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="num">
              Files
            </th>
            <th scope="col">Integrity</th>
          </tr>
        </thead>
        <tbody>
          {evidence.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <SafeText value={item.label} max={200} />
              </th>
              <td>{kindLabel(item.kind)}</td>
              <td className="num">{item.sizeBytes === null ? '—' : formatSize(item.sizeBytes)}</td>
              <td className="num">{item.fileCount === null ? '—' : formatCount(item.fileCount)}</td>
              <td>
                {item.integrity === 'not-applicable' ? (
                  <span className="muted">No acquisition hash</span>
                ) : (
                  <Badge tone={integrityTone(item.integrity)}>
                    {integrityLabel(item.integrity)}
                  </Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
