import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ScanSummary } from '../../../main/core/model/scan'
import { invoke } from '../../lib/api'
import { formatCount } from '../../lib/format'
import { ErrorNotice } from '../../components/ErrorNotice'
import { MAX_SELECTED_FILES } from './browse-items'

/** Props of {@link ScanSelection}. */
export interface ScanSelectionProps {
  readonly evidenceId: number
  readonly fileIds: ReadonlySet<number>
  readonly isScanRunning: boolean
  readonly onClear: () => void
  readonly onStarted: (scan: ScanSummary) => void
}

function countText(n: number): string {
  return n === 1 ? '1 file selected' : `${formatCount(n)} files selected`
}

/**
 * The checked files of the browser and "Scan selected files": a scan of this evidence limited
 * to those files (`scan:start` with `fileIds`), followed in the Scan section like any scan.
 */
export function ScanSelection(props: ScanSelectionProps) {
  const { evidenceId, fileIds, isScanRunning } = props
  const [error, setError] = useState<ErrorInfo>()
  const [started, setStarted] = useState<{ scan: ScanSummary; files: number }>()
  const [isBusy, setIsBusy] = useState(false)
  const count = fileIds.size
  const isTooMany = count > MAX_SELECTED_FILES

  async function scan() {
    setIsBusy(true)
    setError(undefined)
    const result = await invoke('scan:start', { evidenceIds: [evidenceId], fileIds: [...fileIds] })
    setIsBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setStarted({ scan: result.value, files: count })
    props.onStarted(result.value)
  }

  return (
    <div className="scan-selection">
      <div className="actions">
        <span role="status" className="selection-count">
          {countText(count)}
        </span>
        <button
          type="button"
          className="primary"
          disabled={count === 0 || isTooMany || isBusy || isScanRunning}
          onClick={() => void scan()}
        >
          Scan selected files
        </button>
        <button type="button" disabled={count === 0} onClick={props.onClear}>
          Clear selection
        </button>
        {isScanRunning && <span className="muted">A scan is running.</span>}
      </div>
      {isTooMany && (
        <p className="field-error">
          One scan takes at most {formatCount(MAX_SELECTED_FILES)} files: clear some, or scan the
          whole evidence from the Scan section.
        </p>
      )}
      {started !== undefined && (
        <p className="notice notice-ok" role="status">
          Scan #{started.scan.id} started on {formatCount(started.files)}{' '}
          {started.files === 1 ? 'file' : 'files'}; follow it in Scan.
        </p>
      )}
      {error !== undefined && <ErrorNotice error={error} title="Could not start the scan" />}
    </div>
  )
}
