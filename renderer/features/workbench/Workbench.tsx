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
import type { FindingsRequest } from '../findings/findings-request'
import type { FindingsFilter } from '../home/findings-filter'
import { HomePanel } from '../home/HomePanel'
import { SettingsPanel } from '../settings/SettingsPanel'
import { PartnersPanel } from '../partners/PartnersPanel'
import { RulesPanel } from '../rules/RulesPanel'
import { SharePanel } from '../share/SharePanel'
import { TimelinePanel } from '../timeline/TimelinePanel'
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
  /** The section shown first (the Case home by default). */
  readonly initialSection?: Section
  /** The open case's identity changed (its examiner or default TLP, from Settings). */
  readonly onCaseChanged?: (info: CaseInfo) => void
}

/**
 * What a panel may ask of the workbench: another section, a changed case identity, the findings
 * behind a filter or one finding, a file on the timeline.
 */
interface PanelHost {
  readonly goTo: (section: Section) => void
  readonly onCaseChanged: (info: CaseInfo) => void
  readonly openFindings: (filter: FindingsFilter) => void
  readonly openFinding: (findingId: number) => void
  readonly showOnTimeline: (fileId: number) => void
  /** The latest request to the Findings section, and the file the timeline centres on. */
  readonly findingsRequest: FindingsRequest | undefined
  readonly timelineFileId: number | undefined
}

/**
 * The open case: header, section navigation, and the current section's panel.
 *
 * It owns the scan activity and the evidence activity (listing and hashing of added images), so
 * both keep being followed whatever section is shown.
 */
export function Workbench({
  caseInfo,
  onClosed,
  initialSection = 'home',
  onCaseChanged = () => undefined,
}: WorkbenchProps) {
  const [section, setSection] = useState<Section>(initialSection)
  const [findingsRequest, setFindingsRequest] = useState<FindingsRequest>()
  const [timelineFileId, setTimelineFileId] = useState<number>()
  const request = (next: Omit<FindingsRequest, 'nonce'>) => {
    setFindingsRequest((prev) => ({ ...next, nonce: (prev?.nonce ?? 0) + 1 }))
    setSection('findings')
  }
  const host: PanelHost = {
    goTo: setSection,
    onCaseChanged,
    openFindings: (filter) => {
      request({ filter })
    },
    openFinding: (findingId) => {
      request({ openFindingId: findingId })
    },
    showOnTimeline: (fileId) => {
      setTimelineFileId(fileId)
      setSection('timeline')
    },
    findingsRequest,
    timelineFileId,
  }
  const activity = useScanActivity()
  const evidence = useEvidenceActivity()
  const badges = { scan: badgeFor(activity), evidence: evidenceBadge(evidence) }

  return (
    <div className="workbench">
      <CaseHeader caseInfo={caseInfo} onClosed={onClosed} />
      <div className="workbench-body">
        <SectionNav current={section} onChange={setSection} badges={badges} />
        <main className="panel-area">
          {renderPanel(section, caseInfo, activity, evidence, host)}
        </main>
      </div>
    </div>
  )
}

function renderPanel(
  section: Section,
  caseInfo: CaseInfo,
  activity: ScanActivity,
  evidence: EvidenceActivity,
  host: PanelHost,
) {
  switch (section) {
    case 'home':
      return (
        <HomePanel
          revision={activity.revision}
          onGoTo={host.goTo}
          onOpenFindings={host.openFindings}
        />
      )
    case 'evidence':
      return (
        <EvidencePanel
          revision={activity.revision}
          activity={evidence}
          isScanRunning={activity.isRunning}
          onScanStarted={activity.started}
          onOpenFinding={host.openFinding}
        />
      )
    case 'scan':
      return <ScanPanel activity={activity} />
    case 'findings':
      return (
        <FindingsPanel
          revision={activity.revision}
          defaultTlp={caseInfo.defaultTlp}
          caseUuid={caseInfo.uuid}
          request={host.findingsRequest}
          onShowOnTimeline={host.showOnTimeline}
        />
      )
    case 'timeline':
      return (
        <TimelinePanel
          key={host.timelineFileId}
          revision={activity.revision}
          aroundFileId={host.timelineFileId}
        />
      )
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
    case 'settings':
      return <SettingsPanel caseInfo={caseInfo} onCaseChanged={host.onCaseChanged} />
    default:
      return assertNever(section, 'section')
  }
}

function badgeFor(activity: ScanActivity): string | undefined {
  if (!activity.isRunning || activity.progress === null) return undefined
  const done = percent(activity.progress.filesDone, activity.progress.filesTotal)
  return done === null ? '…' : `${done}%`
}
