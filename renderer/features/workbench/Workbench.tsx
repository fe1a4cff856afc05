import { useState } from 'react'
import type { CaseInfo } from '../../../main/core/model/case'
import { assertNever } from '../../lib/assert-never'
import { percent } from '../../lib/format'
import { AuditPanel } from '../audit/AuditPanel'
import { CoveragePanel } from '../coverage/CoveragePanel'
import { EvidencePanel } from '../evidence/EvidencePanel'
import type { EvidenceActivity } from '../evidence/use-evidence-activity'
import { evidenceBadge, useEvidenceActivity } from '../evidence/use-evidence-activity'
import { FindingsPanel } from '../findings/FindingsPanel'
import { PartnersPanel } from '../partners/PartnersPanel'
import { RulesPanel } from '../rules/RulesPanel'
import { SharePanel } from '../share/SharePanel'
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
 * It owns the scan activity and the evidence activity (listing and hashing of added images), so
 * both keep being followed whatever section is shown.
 */
export function Workbench({ caseInfo, onClosed, initialSection = 'evidence' }: WorkbenchProps) {
  const [section, setSection] = useState<Section>(initialSection)
  const activity = useScanActivity()
  const evidence = useEvidenceActivity()
  const badges = { scan: badgeFor(activity), evidence: evidenceBadge(evidence) }

  return (
    <div className="workbench">
      <CaseHeader caseInfo={caseInfo} onClosed={onClosed} />
      <div className="workbench-body">
        <SectionNav current={section} onChange={setSection} badges={badges} />
        <main className="panel-area">{renderPanel(section, caseInfo, activity, evidence)}</main>
      </div>
    </div>
  )
}

function renderPanel(
  section: Section,
  caseInfo: CaseInfo,
  activity: ScanActivity,
  evidence: EvidenceActivity,
) {
  switch (section) {
    case 'evidence':
      return (
        <EvidencePanel
          revision={activity.revision}
          activity={evidence}
          isScanRunning={activity.isRunning}
          onScanStarted={activity.started}
        />
      )
    case 'scan':
      return <ScanPanel activity={activity} />
    case 'findings':
      return <FindingsPanel revision={activity.revision} defaultTlp={caseInfo.defaultTlp} />
    case 'coverage':
      return <CoveragePanel revision={activity.revision} />
    case 'rules':
      return <RulesPanel onScanStarted={activity.started} />
    case 'share':
      return <SharePanel defaultTlp={caseInfo.defaultTlp} />
    case 'partners':
      return <PartnersPanel />
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
