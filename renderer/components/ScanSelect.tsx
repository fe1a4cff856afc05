import { useId } from 'react'
import type { ScanSummary } from '../../main/core/model/scan'
import { formatUtc } from '../lib/format'

/** Props of {@link ScanSelect}. */
export interface ScanSelectProps {
  readonly scans: readonly ScanSummary[]
  /** The chosen scan, or undefined for the case's latest scan (what main lists by default). */
  readonly value: number | undefined
  readonly onChange: (scanId: number | undefined) => void
}

/**
 * A labelled "Scan" select: the latest scan, or one of the case's scans (newest first as listed).
 */
export function ScanSelect({ scans, value, onChange }: ScanSelectProps) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>Scan</label>
      <select
        id={id}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          onChange(e.target.value === '' ? undefined : Number(e.target.value))
        }}
      >
        <option value="">Latest scan</option>
        {scans.map((scan) => (
          <option key={scan.id} value={String(scan.id)}>
            Scan #{scan.id} — {scan.status}, {formatUtc(scan.startedAt)}
          </option>
        ))}
      </select>
    </div>
  )
}
