import type { PartnerBundleView } from '../../../main/core/model/sharing'
import { formatCount, formatUtcSeconds } from '../../lib/format'
import { SafeText } from '../../components/SafeText'
import { TlpBadge } from '../../components/TlpBadge'
import { SignerBadge } from './SignerBadge'

/** Props of {@link PartnerBundleList}. */
export interface PartnerBundleListProps {
  readonly bundles: readonly PartnerBundleView[]
  readonly selectedId: number | undefined
  readonly onSelect: (bundleId: number) => void
}

/**
 * The partner bundles imported into this case: producer, report, created, TLP, signer status,
 * findings, who imported it and when. The producer's name is the button that opens a bundle.
 */
export function PartnerBundleList({ bundles, selectedId, onSelect }: PartnerBundleListProps) {
  if (bundles.length === 0) {
    return <p className="empty">No partner bundle imported yet — check one above.</p>
  }
  return (
    <table className="data-table partner-bundles">
      <caption className="visually-hidden">Imported bundles</caption>
      <thead>
        <tr>
          <th scope="col">Producer</th>
          <th scope="col">Report</th>
          <th scope="col">Created</th>
          <th scope="col">TLP</th>
          <th scope="col">Signer</th>
          <th scope="col" className="num">
            Findings
          </th>
          <th scope="col">Imported</th>
        </tr>
      </thead>
      <tbody>
        {bundles.map((bundle) => (
          <tr
            key={bundle.id}
            className={bundle.id === selectedId ? 'is-selected' : undefined}
            aria-current={bundle.id === selectedId ? 'true' : undefined}
          >
            <th scope="row">
              <button
                type="button"
                className="row-open"
                onClick={() => {
                  onSelect(bundle.id)
                }}
              >
                <SafeText value={bundle.producerOrg} max={200} />
              </button>
            </th>
            <td>
              <SafeText value={bundle.reportName} max={200} />
              <small className="muted">
                {' '}
                <SafeText value={bundle.sourceName} max={200} />
              </small>
            </td>
            <td>{formatUtcSeconds(bundle.created)}</td>
            <td>
              <TlpBadge level={bundle.tlp} />
            </td>
            <td>
              <SignerBadge status={bundle.signerStatus} />
            </td>
            <td className="num">{formatCount(bundle.findingCount)}</td>
            <td>
              <SafeText value={bundle.importedBy} max={200} />
              <small className="muted"> {formatUtcSeconds(bundle.importedAt)}</small>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
