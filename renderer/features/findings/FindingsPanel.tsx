import { useRef, useState } from 'react'
import type { TlpLevel } from '../../../main/core/model/tlp'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { FindingDetailPane } from './FindingDetailPane'
import { FindingsFilters } from './FindingsFilters'
import { FindingsResults } from './FindingsResults'
import { INITIAL_FINDINGS_QUERY, toListInput } from './findings-query'
import type { FindingsFilter, FindingsQuery } from './findings-query'

/** Props of {@link FindingsPanel}. */
export interface FindingsPanelProps {
  /** Changes when a scan finishes: the page is fetched again. */
  readonly revision: number
  /** The case's default TLP, named in the detail's TLP choice. */
  readonly defaultTlp?: TlpLevel
}

function isFiltered(filter: FindingsFilter): boolean {
  return filter.text.trim() !== '' || filter.minScore !== undefined || filter.scanId !== undefined
}

/**
 * The Findings section: filters, the server-paged and server-sorted table, and the detail of
 * the finding opened with Enter or a click.
 */
export function FindingsPanel({ revision, defaultTlp }: FindingsPanelProps) {
  const [query, setQuery] = useState<FindingsQuery>(INITIAL_FINDINGS_QUERY)
  const [selected, setSelected] = useState(0)
  const [openId, setOpenId] = useState<number>()
  const page = useInvoke('findings:list', toListInput(query), revision)
  const scans = useInvoke('scan:list', undefined, revision)

  const master = useRef<HTMLDivElement>(null)

  function closeDetail() {
    setOpenId(undefined)
    // The Close button goes away with the pane: give focus back to the selected row.
    master.current?.querySelector<HTMLButtonElement>('button.row-open[tabindex="0"]')?.focus()
  }

  function change(next: FindingsQuery) {
    setQuery(next)
    setSelected(0)
  }

  return (
    <section className="panel findings-panel" aria-labelledby="findings-title">
      <h2 id="findings-title">Findings</h2>
      <FindingsFilters
        applied={query.filter}
        scans={scans.result?.ok === true ? scans.result.value : []}
        onApply={(filter) => {
          change({ ...query, filter, offset: 0 })
        }}
      />
      <div className={openId === undefined ? 'master-detail' : 'master-detail has-detail'}>
        <div className="master" ref={master}>
          {page.result === undefined && <p className="muted">Loading findings…</p>}
          {page.result?.ok === false && (
            <ErrorNotice error={page.result.error} title="Could not list findings" />
          )}
          {page.result?.ok === true && (
            <FindingsResults
              page={page.result.value}
              query={query}
              isBusy={page.isLoading}
              isFiltered={isFiltered(query.filter)}
              selected={selected}
              onSelect={setSelected}
              openId={openId}
              onOpen={setOpenId}
              onQueryChange={change}
            />
          )}
        </div>
        {openId !== undefined && (
          <FindingDetailPane
            key={openId}
            findingId={openId}
            onClose={closeDetail}
            defaultTlp={defaultTlp ?? null}
          />
        )}
      </div>
    </section>
  )
}
