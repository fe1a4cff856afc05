import { useState } from 'react'
import type { Evidence, EvidenceProgress } from '../../../main/core/model/evidence'
import type { ScanSummary } from '../../../main/core/model/scan'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import type { BrowseScope } from './browse-scope'
import { defaultImageScope, hostScope, scopeKey } from './browse-scope'
import { FileBrowser } from './FileBrowser'
import { ImageLayout } from './ImageLayout'
import { IntegrityDetails } from './IntegrityDetails'
import { currentIntegrity } from './integrity'

/** Props of {@link EvidenceDetail}. */
export interface EvidenceDetailProps {
  readonly item: Evidence
  readonly progress: EvidenceProgress | undefined
  /** Changes when the listing ends or a scan finishes. */
  readonly refresh: unknown
  readonly isScanRunning: boolean
  readonly onScanStarted: (scan: ScanSummary) => void
  readonly onClose: () => void
  /** Open a finding in the Findings section (from a file's Findings tab). */
  readonly onOpenFinding?: ((findingId: number) => void) | undefined
}

/**
 * The evidence opened from the table (region "Evidence detail"): for an image its integrity,
 * its layout tree and a file browser of the chosen file system; for a folder or file its files.
 */
export function EvidenceDetail(props: EvidenceDetailProps) {
  const { item } = props
  return (
    <section className="evidence-detail" aria-label="Evidence detail">
      <header className="detail-header">
        <h3>
          Evidence #{item.id}: <SafeText value={item.label} max={200} />
        </h3>
        <button type="button" onClick={props.onClose}>
          Close evidence detail
        </button>
      </header>
      {item.kind === 'image' ? (
        <ImageDetail {...props} />
      ) : (
        <Browser {...props} scope={hostScope(item.id, item.label)} />
      )}
    </section>
  )
}

function ImageDetail(props: EvidenceDetailProps) {
  const { item } = props
  const layout = useInvoke('evidence:layout', { evidenceId: item.id })
  const [chosen, setChosen] = useState<BrowseScope>()
  const scope =
    chosen ?? (layout.result?.ok === true ? defaultImageScope(layout.result.value) : null)
  return (
    <>
      <div className="image-overview">
        {layout.result === undefined && <p className="muted">Loading the image layout…</p>}
        {layout.result?.ok === false && (
          <ErrorNotice error={layout.result.error} title="Could not read the image layout" />
        )}
        {layout.result?.ok === true && (
          <ImageLayout
            layout={layout.result.value}
            currentScope={scope}
            refresh={props.refresh}
            onBrowse={setChosen}
          />
        )}
        <IntegrityDetails item={item} state={currentIntegrity(item, props.progress)} />
      </div>
      {scope !== null && <Browser key={scopeKey(scope)} {...props} scope={scope} />}
    </>
  )
}

function Browser(props: EvidenceDetailProps & { readonly scope: BrowseScope }) {
  const listing = props.progress?.phase === 'listing' ? props.progress.done : null
  return (
    <FileBrowser
      key={scopeKey(props.scope)}
      scope={props.scope}
      refresh={props.refresh}
      listing={listing}
      isScanRunning={props.isScanRunning}
      onScanStarted={props.onScanStarted}
      onOpenFinding={props.onOpenFinding}
    />
  )
}
