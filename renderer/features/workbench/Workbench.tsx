import { useState } from 'react'
import type { CaseInfo } from '../../../main/core/model/case'
import { assertNever } from '../../lib/assert-never'
import { percent } from '../../lib/format'
import { AuditPanel } from '../audit/AuditPanel'
import { CoveragePanel } from '../coverage/CoveragePanel'
import { EvidencePanel } from '../evidence/EvidencePanel'
import { FindingsPanel } from '../findings/FindingsPanel'
import { ScanPanel } from '../scan/ScanPanel'
import type { ScanActivity } from '../scan/use-scan-activity'
import { useScanActivity } from '../scan/use-scan-activity'
import { CaseHeader } from './CaseHeader'
import { SectionNav } from './SectionNav'
import type { Section } from './sections'

/** Props of {@link Workbench}. */
export interface WorkbenchProps {
  readonly caseInfo: CaseInfo
  readonly onClosed: () => void
  /** The section shown first (Evidence by default). */
  readonly initialSection?: Section
}

/**
 * The open case: header, section navigation, and the current section's panel.
 *
 * It owns the scan activity, so a running scan keeps being followed whatever section is shown.
 */
export function Workbench({ caseInfo, onClosed, initialSection = 'evidence' }: WorkbenchProps) {
  const [section, setSection] = useState<Section>(initialSection)
  const activity = useScanActivity()
  const scanBadge = badgeFor(activity)

  return (
    <div className="workbench">
      <CaseHeader caseInfo={caseInfo} onClosed={onClosed} />
      <div className="workbench-body">
        <SectionNav
          current={section}
          onChange={setSection}
          badges={scanBadge === undefined ? undefined : { scan: scanBadge }}
        />
        <main className="panel-area">{renderPanel(section, activity)}</main>
      </div>
    </div>
  )
}

function renderPanel(section: Section, activity: ScanActivity) {
  switch (section) {
    case 'evidence':
      return <EvidencePanel revision={activity.revision} />
    case 'scan':
      return <ScanPanel activity={activity} />
    case 'findings':
      return <FindingsPanel revision={activity.revision} />
    case 'coverage':
      return <CoveragePanel revision={activity.revision} />
    case 'audit':
      return <AuditPanel />
    default:
      return assertNever(section, 'section')
  }
}

function badgeFor(activity: ScanActivity): string | undefined {
  if (!activity.isRunning || activity.progress === null) return undefined
  const done = percent(activity.progress.filesDone, activity.progress.filesTotal)
  return done === null ? '…' : `${done}%`
}
