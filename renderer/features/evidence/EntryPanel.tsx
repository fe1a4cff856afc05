import { useId, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import type { BrowseEntry } from '../../../main/core/model/evidence'
import type { ScanSummary } from '../../../main/core/model/scan'
import { attributeText } from '../../lib/text'
import { EntryFacts } from './EntryFacts'
import { EntryFindings } from './EntryFindings'
import { EntryHex } from './EntryHex'
import { ScanFileWith } from './ScanFileWith'
import { entryLabel, missingContent } from './entry-content'

const TABS = ['details', 'hex', 'findings', 'scan'] as const
type Tab = (typeof TABS)[number]

/** Props of {@link EntryPanel}. */
export interface EntryPanelProps {
  readonly entry: BrowseEntry
  readonly evidenceId: number
  readonly isScanRunning: boolean
  readonly onScanStarted: (scan: ScanSummary) => void
  /** Open a finding in the Findings section (wired by the workbench); absent: listed only. */
  readonly onOpenFinding?: ((findingId: number) => void) | undefined
}

function tabLabel(tab: Tab, entry: BrowseEntry): string {
  if (tab === 'details') return 'Details'
  if (tab === 'hex') return 'Hex'
  if (tab === 'findings') return entry.findings > 0 ? `Findings (${entry.findings})` : 'Findings'
  return 'Scan with…'
}

/**
 * The selected entry of the file browser (region "Selected file"), in tabs: its details
 * (EntryFacts), its bytes (hex view), its findings, and "Scan this file with…" some of the
 * active rule packs. Tabs follow the WAI-ARIA pattern: arrows, Home and End move between them.
 */
export function EntryPanel(props: EntryPanelProps) {
  const { entry } = props
  const [tab, setTab] = useState<Tab>('details')
  const baseId = useId()
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({})
  const missing = missingContent(entry)

  function onKeyDown(event: KeyboardEvent) {
    const index = TABS.indexOf(tab)
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    }
    const next = TABS[moves[event.key] ?? -1]
    if (next === undefined) return
    event.preventDefault()
    setTab(next)
    tabRefs.current[next]?.focus()
  }

  return (
    <section className="card entry-panel" aria-label="Selected file">
      <div role="tablist" aria-label={`Views of ${attributeText(entryLabel(entry))}`}>
        {TABS.map((t) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[t] = el
            }}
            type="button"
            role="tab"
            id={`${baseId}-${t}-tab`}
            aria-selected={tab === t}
            aria-controls={`${baseId}-${t}-panel`}
            tabIndex={tab === t ? 0 : -1}
            onKeyDown={onKeyDown}
            onClick={() => {
              setTab(t)
            }}
          >
            {tabLabel(t, entry)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-${tab}-panel`}
        aria-labelledby={`${baseId}-${tab}-tab`}
        // The WAI-ARIA tabs pattern: the panel takes focus next, even when it holds no control.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        {tab === 'details' && (
          <>
            {missing !== null && <p className="notice notice-warning">{missing}</p>}
            <EntryFacts entry={entry} />
          </>
        )}
        {tab === 'hex' && <EntryHex key={entry.fileId} entry={entry} />}
        {tab === 'findings' && (
          <EntryFindings key={entry.fileId} entry={entry} onOpenFinding={props.onOpenFinding} />
        )}
        {tab === 'scan' && (
          <ScanFileWith
            key={entry.fileId}
            entry={entry}
            evidenceId={props.evidenceId}
            isScanRunning={props.isScanRunning}
            onStarted={props.onScanStarted}
          />
        )}
      </div>
    </section>
  )
}
