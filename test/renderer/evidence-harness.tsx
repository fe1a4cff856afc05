import type { ScanSummary } from '../../main/core/model/scan'
import { EvidencePanel } from '../../renderer/features/evidence/EvidencePanel'
import { useEvidenceActivity } from '../../renderer/features/evidence/use-evidence-activity'

/** Props of {@link EvidenceHarness}. */
export interface EvidenceHarnessProps {
  readonly revision?: number
  readonly isScanRunning?: boolean
  readonly onScanStarted?: (scan: ScanSummary) => void
}

/**
 * The Evidence panel wired as the workbench wires it: following `evidence:progress`.
 */
export function EvidenceHarness(props: EvidenceHarnessProps) {
  const activity = useEvidenceActivity()
  return (
    <EvidencePanel
      revision={props.revision ?? 0}
      activity={activity}
      isScanRunning={props.isScanRunning ?? false}
      onScanStarted={props.onScanStarted ?? (() => undefined)}
    />
  )
}
