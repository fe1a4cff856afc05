import { useState } from 'react'
import type { ScanSummary } from '../../../main/core/model/scan'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { AddEvidenceForm } from './AddEvidenceForm'
import { EvidenceDetail } from './EvidenceDetail'
import { EvidenceDropZone } from './EvidenceDropZone'
import { EvidenceTable } from './EvidenceTable'
import type { EvidenceActivity } from './use-evidence-activity'

/** Props of {@link EvidencePanel}. */
export interface EvidencePanelProps {
  /** Changes when a scan finishes (sizes, counts and folder hashes may have become known). */
  readonly revision: number
  /** Listing and hashing of added images (`evidence:progress`), followed by the workbench. */
  readonly activity: EvidenceActivity
  readonly isScanRunning: boolean
  /** Tell the workbench about a scan started from the file browser. */
  readonly onScanStarted: (scan: ScanSummary) => void
  /** Open a finding in the Findings section with its detail (wired by the workbench). */
  readonly onOpenFinding?: ((findingId: number) => void) | undefined
}

/**
 * The Evidence section: the case's evidence, the detail of the one opened (layout, integrity,
 * files), and the ways to add more (path, dialog, drop).
 */
export function EvidencePanel({
  revision,
  activity,
  isScanRunning,
  onScanStarted,
  onOpenFinding,
}: EvidencePanelProps) {
  const [added, setAdded] = useState(0)
  const [openId, setOpenId] = useState<number>()
  const refresh = [revision, activity.revision]
  const list = useInvoke('evidence:list', undefined, [...refresh, added])
  const bump = () => {
    setAdded((n) => n + 1)
  }
  const items = list.result?.ok === true ? list.result.value : []
  const open = items.find((e) => e.id === openId)

  return (
    <section className="panel" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      {list.result === undefined && <p className="muted">Loading evidence…</p>}
      {list.result?.ok === false && (
        <ErrorNotice error={list.result.error} title="Could not list evidence" />
      )}
      {list.result?.ok === true &&
        (items.length === 0 ? (
          <p className="empty">No evidence yet — add a folder, file or disk image.</p>
        ) : (
          <EvidenceTable
            items={items}
            progress={activity.progress}
            openId={open?.id}
            onOpen={setOpenId}
          />
        ))}
      {open !== undefined && (
        <EvidenceDetail
          key={open.id}
          item={open}
          progress={activity.progress.get(open.id)}
          refresh={refresh}
          isScanRunning={isScanRunning}
          onScanStarted={onScanStarted}
          onOpenFinding={onOpenFinding}
          onClose={() => {
            setOpenId(undefined)
          }}
        />
      )}
      <div className="evidence-add">
        <AddEvidenceForm onAdded={bump} />
        <EvidenceDropZone onAdded={bump} />
      </div>
    </section>
  )
}
