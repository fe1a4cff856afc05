import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ScanSummary } from '../../../main/core/model/scan'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatCount, formatSize, formatUtc } from '../../lib/format'
import { SafeText } from '../../components/SafeText'
import { statusLabel } from './scan-labels'
import { countNotFullyScanned, describeLimits } from './scan-limits'

/** Props of {@link ScanHistoryRow}. */
export interface ScanHistoryRowProps {
  readonly scan: ScanSummary
}

const RESUMABLE = new Set(['interrupted', 'cancelled'])

/**
 * One past scan: status (and error), times, rule packs, counts and limits; an interrupted or
 * cancelled scan can be finished from its checkpoint (Resume).
 */
export function ScanHistoryRow({ scan }: ScanHistoryRowProps) {
  const [error, setError] = useState<ErrorInfo>()
  const [isResuming, setIsResuming] = useState(false)

  async function resume() {
    setIsResuming(true)
    const resumed = await invoke('scan:resume', { scanId: scan.id })
    setIsResuming(false)
    if (!resumed.ok) setError(resumed.error)
  }

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
      <td>
        {RESUMABLE.has(scan.status) && (
          <button
            type="button"
            disabled={isResuming}
            aria-label={`Resume scan ${scan.id}`}
            onClick={() => void resume()}
          >
            Resume
          </button>
        )}
        {error !== undefined && <ErrorNotice error={error} title="Could not resume the scan" />}
      </td>
    </tr>
  )
}
