import { useEffect, useRef, useState } from 'react'
import type { FindingGroup } from '../../../main/core/model/finding-facets'
import type { FindingSortColumn } from '../../../main/core/model/findings'
import type { TlpLevel } from '../../../main/core/model/tlp'
import { SafeText } from '../../components/SafeText'
import { useInvoke } from '../../lib/use-invoke'
import { FindingDetailPane } from './FindingDetailPane'
import type { FindingsRequest } from './findings-request'
import { ColumnChooser } from './table/ColumnChooser'
import { visibleColumns } from './table/columns'
import { FindingGroups } from './table/FindingGroups'
import { FindingsFilterBar } from './table/FindingsFilterBar'
import { FindingsList } from './table/FindingsList'
import {
  EMPTY_FILTER,
  isFiltered,
  loadTableState,
  saveTableState,
  toFilterInput,
} from './table/table-state'
import type { GroupBy, TableState } from './table/table-state'

/** Props of {@link FindingsPanel}. */
export interface FindingsPanelProps {
  /** Changes when a scan finishes: the rows are fetched again. */
  readonly revision: number
  /** The case's default TLP, named in the detail's and the bulk bar's TLP choice. */
  readonly defaultTlp?: TlpLevel
  /** The open case (`CaseInfo.uuid`): the table's filters, sort and columns are kept per case. */
  readonly caseUuid?: string
  /** A filter or a finding another section asked for (applied when its nonce changes). */
  readonly request?: FindingsRequest | undefined
  /** Show the opened finding's file on the timeline. */
  readonly onShowOnTimeline?: ((fileId: number) => void) | undefined
}

/** Numbers sort high first when first clicked, text A to Z. */
const NUMERIC_SORTS: readonly FindingSortColumn[] = ['score', 'matches', 'size', 'id']

/**
 * The Findings section: the filter bar, the virtualized findings table (or its groups), and the
 * detail of the finding opened with Enter or a click. The table state is kept per case.
 */
export function FindingsPanel({
  revision,
  defaultTlp,
  caseUuid,
  request,
  onShowOnTimeline,
}: FindingsPanelProps) {
  const [state, setState] = useState<TableState>(() =>
    withRequest(loadTableState(caseUuid), request),
  )
  const [stateCase, setStateCase] = useState(caseUuid)
  const [requestSeen, setRequestSeen] = useState(request?.nonce)
  const [openId, setOpenId] = useState<number | undefined>(request?.openFindingId)
  // Remounts the filter bar (its fields keep their own text) when filters are set from outside.
  const [filterEpoch, setFilterEpoch] = useState(0)
  if (stateCase !== caseUuid) {
    // Another case: its own remembered table (adjusting state while rendering, as React advises).
    setStateCase(caseUuid)
    setState(loadTableState(caseUuid))
  }
  if (request !== undefined && request.nonce !== requestSeen) {
    setRequestSeen(request.nonce)
    setState((prev) => withRequest(prev, request))
    setFilterEpoch((n) => n + 1)
    if (request.openFindingId !== undefined) setOpenId(request.openFindingId)
  }
  useEffect(() => {
    saveTableState(stateCase, state)
  }, [stateCase, state])
  const [expanded, setExpanded] = useState<FindingGroup>()
  const [message, setMessage] = useState('')
  // Bumped when a detail closes or gives way to another: its triage, tags or TLP may have
  // changed, so the rows and counts are read again (keeping the rows on screen meanwhile).
  const [detailEdits, setDetailEdits] = useState(0)
  const rowsRevision = revision + detailEdits
  const master = useRef<HTMLDivElement>(null)

  const filterInput = toFilterInput(state.filter)
  const showGroups = state.groupBy !== 'none' && expanded === undefined
  // The facet counts cost ≈0.2–0.4 s of the main process over 100,000 findings: they are asked
  // only once the analyst opens a facet picker, and then after the rows of each query are on
  // screen, so the rows never queue behind them.
  const [facetsWanted, setFacetsWanted] = useState(false)
  const [rowsShownFor, setRowsShownFor] = useState<string>()
  const facets = useInvoke(
    'findings:facets',
    filterInput,
    rowsRevision,
    facetsWanted && (showGroups || rowsShownFor === JSON.stringify(filterInput)),
  )
  const scans = useInvoke('scan:list', undefined, revision)
  const listFilter =
    expanded === undefined
      ? filterInput
      : expanded.ruleId !== undefined
        ? { ...filterInput, ruleIds: [expanded.ruleId] }
        : { ...filterInput, fileId: expanded.fileId }
  const query = { ...listFilter, sort: state.sort, direction: state.direction }

  function update(next: Partial<TableState>) {
    setState((prev) => ({ ...prev, ...next }))
  }

  function clearFilters() {
    // The scan choice is the scope, not a filter: it stays.
    const { scanId, allScans } = state.filter
    update({ filter: { ...EMPTY_FILTER, scanId, allScans } })
    setFilterEpoch((n) => n + 1)
    setMessage('Filters cleared')
  }

  function sortBy(column: FindingSortColumn) {
    const direction =
      state.sort === column
        ? state.direction === 'asc'
          ? 'desc'
          : 'asc'
        : NUMERIC_SORTS.includes(column)
          ? 'desc'
          : 'asc'
    update({ sort: column, direction })
  }

  function openFinding(findingId: number) {
    if (openId !== undefined && openId !== findingId) setDetailEdits((n) => n + 1)
    setOpenId(findingId)
  }

  function closeDetail() {
    setOpenId(undefined)
    setDetailEdits((n) => n + 1)
    // The Close button goes away with the pane: focus goes back to the table.
    master.current?.querySelector<HTMLElement>('[role="grid"]')?.focus()
  }

  return (
    <section className="panel findings-panel" aria-labelledby="findings-title">
      <h2 id="findings-title">Findings</h2>
      <FindingsFilterBar
        key={filterEpoch}
        filter={state.filter}
        facets={facets.result?.ok === true ? facets.result.value : undefined}
        scans={scans.result?.ok === true ? scans.result.value : []}
        onChange={(change) => {
          setState((prev) => ({ ...prev, filter: change(prev.filter) }))
          setExpanded(undefined)
        }}
        onClear={clearFilters}
        onFacetsWanted={() => {
          setFacetsWanted(true)
        }}
      />
      <div className="findings-toolbar">
        <GroupBySelect
          value={state.groupBy}
          onChange={(groupBy) => {
            update({ groupBy })
            setExpanded(undefined)
          }}
        />
        <ColumnChooser
          columns={state.columns}
          onChange={(columns) => {
            update({ columns })
          }}
        />
      </div>
      <p role="status" className="visually-hidden">
        {message}
      </p>
      <div className={openId === undefined ? 'master-detail' : 'master-detail has-detail'}>
        <div className="master" ref={master}>
          {expanded !== undefined && (
            <div className="group-heading">
              <button
                type="button"
                onClick={() => {
                  setExpanded(undefined)
                }}
              >
                Back to groups
              </button>
              <h3>
                <SafeText value={expanded.label} max={300} />
              </h3>
            </div>
          )}
          {showGroups ? (
            <FindingGroups
              filter={filterInput}
              by={state.groupBy === 'file' ? 'file' : 'rule'}
              revision={rowsRevision}
              onExpand={setExpanded}
            />
          ) : (
            <FindingsList
              key={JSON.stringify(query)}
              query={query}
              filter={listFilter}
              revision={rowsRevision}
              columns={visibleColumns(state.columns)}
              onSort={sortBy}
              isFiltered={isFiltered(state.filter)}
              onClearFilters={clearFilters}
              openId={openId}
              onOpen={openFinding}
              defaultTlp={defaultTlp ?? null}
              announce={setMessage}
              onRowsShown={() => {
                setRowsShownFor(JSON.stringify(filterInput))
              }}
            />
          )}
        </div>
        {openId !== undefined && (
          <FindingDetailPane
            key={openId}
            findingId={openId}
            onClose={closeDetail}
            defaultTlp={defaultTlp ?? null}
            onOpenFinding={openFinding}
            onChanged={() => {
              setDetailEdits((n) => n + 1)
            }}
            onShowOnTimeline={onShowOnTimeline}
          />
        )}
      </div>
    </section>
  )
}

/** The table state with a requested filter applied: every other filter cleared, all scans. */
function withRequest(state: TableState, request: FindingsRequest | undefined): TableState {
  if (request?.filter === undefined) return state
  return {
    ...state,
    groupBy: 'none',
    filter: { ...EMPTY_FILTER, allScans: true, ...request.filter },
  }
}

function GroupBySelect({ value, onChange }: { value: GroupBy; onChange: (v: GroupBy) => void }) {
  return (
    <div className="field field-inline">
      <label htmlFor="findings-group-by">Group by</label>
      <select
        id="findings-group-by"
        value={value}
        onChange={(e) => {
          onChange(e.target.value as GroupBy)
        }}
      >
        <option value="none">None</option>
        <option value="rule">Rule</option>
        <option value="file">File</option>
      </select>
    </div>
  )
}
