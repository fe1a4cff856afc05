import type { ScanSummary } from '../../../main/core/model/scan'
import { formatCount, formatSize, formatUtc } from '../../lib/format'
import { SafeText } from '../../components/SafeText'
import { statusLabel } from './scan-labels'
import { countNotFullyScanned, describeLimits } from './scan-limits'

/** Props of {@link ScanHistoryRow}. */
export interface ScanHistoryRowProps {
  readonly scan: ScanSummary
}

/**
 * One past scan: status (and error), times, rule packs, counts and limits.
 */
export function ScanHistoryRow({ scan }: ScanHistoryRowProps) {
  return (
    <tr>
      <th scope="row">#{scan.id}</th>
      <td>
        <span className={`status status-${scan.status}`}>{statusLabel(scan.status)}</span>
        {scan.error !== null && (
          <small className="scan-error">
            <SafeText value={scan.error} max={500} />
          </small>
        )}
      </td>
      <td>{formatUtc(scan.startedAt)}</td>
      <td>{formatUtc(scan.finishedAt)}</td>
      <td>
        {scan.packs.map((pack, i) => (
          <span key={i} className="pack">
            <SafeText value={pack.name} max={100} />@<SafeText value={pack.version} max={50} />
          </span>
        ))}
        <small> {formatCount(scan.ruleCount)} rules</small>
      </td>
      <td className="num">{formatCount(scan.filesScanned)}</td>
      <td className="num">{formatSize(scan.bytesScanned)}</td>
      <td className="num">{formatCount(scan.findingCount)}</td>
      <td className="num">{formatCount(countNotFullyScanned(scan.coverage))}</td>
      <td className="limits">{describeLimits(scan.limits)}</td>
    </tr>
  )
}
