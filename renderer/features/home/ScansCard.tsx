import type { CoverageReason } from '../../../main/core/model/coverage'
import type { ScanOverview } from '../../../main/core/model/overview'
import { SafeText } from '../../components/SafeText'
import { formatCount, formatUtc } from '../../lib/format'
import { coverageReasonLabel } from '../coverage/coverage-reasons'
import { statusLabel } from '../scan/scan-labels'

/** Props of {@link ScansCard}. */
export interface ScansCardProps {
  readonly scans: readonly ScanOverview[]
}

/**
 * The case's scans, newest first: kind, state, when, rule packs with versions, files scanned,
 * files not fully scanned by reason (coverage), and findings.
 */
export function ScansCard({ scans }: ScansCardProps) {
  return (
    <section className="card home-card home-wide" aria-labelledby="home-scans-title">
      <h3 id="home-scans-title">Scans</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Scan</th>
            <th scope="col">State</th>
            <th scope="col">Started</th>
            <th scope="col">Rule packs</th>
            <th scope="col" className="num">
              Files scanned
            </th>
            <th scope="col">Not fully scanned</th>
            <th scope="col" className="num">
              Findings
            </th>
          </tr>
        </thead>
        <tbody>
          {scans.map((scan) => (
            <tr key={scan.id}>
              <th scope="row">
                #{scan.id} {scan.kind === 'retro-hunt' ? 'Retro-hunt' : 'Scan'}
              </th>
              <td>
                <span className={`status status-${scan.status}`}>{statusLabel(scan.status)}</span>
              </td>
              <td>{formatUtc(scan.startedAt)}</td>
              <td>
                {scan.packs.map((pack, i) => (
                  <span key={i} className="pack">
                    <SafeText value={pack.name} max={100} />@
                    <SafeText value={pack.version} max={50} />
                  </span>
                ))}
              </td>
              <td className="num">{formatCount(scan.filesScanned)}</td>
              <td>{describeGaps(scan.coverageGaps)}</td>
              <td className="num">{formatCount(scan.findingCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function describeGaps(gaps: ScanOverview['coverageGaps']): string {
  const entries = Object.entries(gaps) as [CoverageReason, number][]
  if (entries.length === 0) return 'None'
  return entries
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `${coverageReasonLabel(reason)}: ${formatCount(count)}`)
    .join(' · ')
}
