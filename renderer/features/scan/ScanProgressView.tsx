import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ScanProgress, ScanStatus } from '../../../main/core/model/scan'
import { invoke } from '../../lib/api'
import { percent } from '../../lib/format'
import { ErrorNotice } from '../../components/ErrorNotice'
import { phaseLabel, statusLabel } from './scan-labels'
import { ScanStats } from './ScanStats'

/** Props of {@link ScanProgressView}. */
export interface ScanProgressViewProps {
  readonly progress: ScanProgress
  readonly isRunning: boolean
  /** The status `scan:finished` reported, once the scan is over. */
  readonly finalStatus?: ScanStatus | undefined
}

/**
 * The live progress of a scan: bar, files, data, findings, rate, ETA and phase, plus Pause /
 * Resume (files in progress finish; no new ones start) and Cancel.
 */
export function ScanProgressView({ progress: p, isRunning, finalStatus }: ScanProgressViewProps) {
  const [error, setError] = useState<ErrorInfo>()
  const [isCancelling, setIsCancelling] = useState(false)
  const [errorTitle, setErrorTitle] = useState('Could not cancel the scan')
  const done = percent(p.filesDone, p.filesTotal)
  const isPaused = p.phase === 'paused'

  async function togglePause() {
    const changed = await invoke('scan:pause', { scanId: p.scanId, paused: !isPaused })
    if (!changed.ok) {
      setErrorTitle(isPaused ? 'Could not resume the scan' : 'Could not pause the scan')
      setError(changed.error)
    }
  }

  async function cancel() {
    setIsCancelling(true)
    const cancelled = await invoke('scan:cancel', { scanId: p.scanId })
    setIsCancelling(false)
    if (!cancelled.ok) {
      setErrorTitle('Could not cancel the scan')
      setError(cancelled.error)
    }
  }

  return (
    <div className="card scan-progress">
      <h3>
        Scan #{p.scanId} — {isRunning ? phaseLabel(p.phase) : statusLabel(finalStatus ?? p.status)}
      </h3>
      <div className="progress-row">
        <progress
          aria-label="Scan progress"
          max={Math.max(p.filesTotal, 1)}
          value={done === null ? undefined : p.filesDone}
        />
        <span className="progress-percent">{done === null ? '…' : `${done} %`}</span>
      </div>
      <ScanStats progress={p} />
      {isRunning && (
        <div className="actions">
          <button
            type="button"
            disabled={isCancelling || p.phase === 'compiling'}
            onClick={() => void togglePause()}
          >
            {isPaused ? 'Resume scan' : 'Pause scan'}
          </button>
          <button type="button" disabled={isCancelling} onClick={() => void cancel()}>
            Cancel scan
          </button>
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} title={errorTitle} />}
    </div>
  )
}
