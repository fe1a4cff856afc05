import { useState } from 'react'
import type { ScanSummary } from '../../../main/core/model/scan'
import { ErrorNotice } from '../../components/ErrorNotice'
import { liveSummary } from './live-summary'
import { ScanHistory } from './ScanHistory'
import { ScanLauncher } from './ScanLauncher'
import { ScanProgressView } from './ScanProgressView'
import type { ScanActivity } from './use-scan-activity'

/** Props of {@link ScanPanel}. */
export interface ScanPanelProps {
  readonly activity: ScanActivity
}

/**
 * The Scan section: start a scan, follow it live, cancel it, and see the past scans.
 */
export function ScanPanel({ activity }: ScanPanelProps) {
  const [starts, setStarts] = useState(0)
  const { progress, finished, isRunning } = activity
  const finalStatus =
    finished !== null && finished.id === progress?.scanId ? finished.status : undefined

  function started(scan: ScanSummary) {
    activity.started(scan)
    setStarts((n) => n + 1)
  }

  return (
    <section className="panel" aria-labelledby="scan-title">
      <h2 id="scan-title">Scan</h2>
      {activity.restoreError !== null && (
        <ErrorNotice error={activity.restoreError} title="Could not read the running scan" />
      )}
      <ScanLauncher isRunning={isRunning} onStarted={started} />
      <p className="live-summary" role="status" aria-live="polite">
        {liveSummary(progress, finished)}
      </p>
      {progress !== null && (
        <ScanProgressView progress={progress} isRunning={isRunning} finalStatus={finalStatus} />
      )}
      <h3>Past scans</h3>
      <ScanHistory revision={[activity.revision, starts]} />
    </section>
  )
}
