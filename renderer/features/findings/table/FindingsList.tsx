import { useEffect, useState } from 'react'
import type { FindingSortColumn, TriageStatus } from '../../../../main/core/model/findings'
import type { ErrorInfo } from '../../../../main/core/model/errors'
import type { TlpLevel } from '../../../../main/core/model/tlp'
import type { ChannelInput, Result } from '../../../../main/ipc/contract'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { invoke } from '../../../lib/api'
import { formatCount } from '../../../lib/format'
import { tlpLabel } from '../../../lib/tlp'
import { triageLabel } from '../triage-labels'
import { BulkBar } from './BulkBar'
import type { ColumnDef } from './columns'
import type { RowsQuery } from './use-finding-rows'
import { useFindingRows } from './use-finding-rows'
import { VirtualFindingsGrid } from './VirtualFindingsGrid'

/** Props of {@link FindingsList}. */
export interface FindingsListProps {
  /** Remount the list (a new `key`) when this changes: focus and selection start over. */
  readonly query: RowsQuery
  readonly filter: ChannelInput<'findings:ids'>
  readonly revision: number
  readonly columns: readonly ColumnDef[]
  readonly onSort: (column: FindingSortColumn) => void
  readonly isFiltered: boolean
  readonly onClearFilters: () => void
  readonly openId: number | undefined
  readonly onOpen: (findingId: number) => void
  readonly defaultTlp: TlpLevel | null
  /** Say something in the panel's polite live region. */
  readonly announce: (message: string) => void
  /** The first rows of this query are on screen (the panel then asks for the facet counts). */
  readonly onRowsShown?: () => void
}

const plural = (n: number) => `${formatCount(n)} ${n === 1 ? 'finding' : 'findings'}`

/**
 * The findings of a query: the count, the virtualized grid, and what acts on the selection
 * (triage keys, the bulk bar, Ctrl+A over every match via `findings:ids`).
 */
export function FindingsList(props: FindingsListProps) {
  const { query, announce } = props
  const rows = useFindingRows(query, props.revision)
  const { onRowsShown } = props
  const hasRows = rows.total !== undefined
  useEffect(() => {
    if (hasRows) onRowsShown?.()
  }, [hasRows, onRowsShown])
  const [focus, setFocus] = useState(0)
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set())
  const [isBusy, setBusy] = useState(false)
  const [actionError, setActionError] = useState<{ title: string; error: ErrorInfo }>()

  /** Run a change over some findings; on success refresh the rows and say what changed. */
  async function change(
    title: string,
    run: () => Promise<Result<{ readonly changed: number }>>,
    said: string,
  ) {
    setBusy(true)
    const result = await run()
    setBusy(false)
    if (!result.ok) {
      setActionError({ title, error: result.error })
      announce(`${title}: ${result.error.message}`)
      return false
    }
    setActionError(undefined)
    announce(said.replace('{n}', plural(result.value.changed)))
    rows.refresh()
    return true
  }

  /** The selection, or else the focused row. */
  function targets(): number[] {
    if (selected.size > 0) return [...selected]
    const row = rows.rowAt(focus)
    return row === undefined ? [] : [row.id]
  }

  async function setStatus(status: TriageStatus, advance: boolean) {
    const findingIds = targets()
    if (findingIds.length === 0) return
    const done = await change(
      'Could not set the triage status',
      () => invoke('findings:setTriage', { findingIds, status }),
      `{n} marked ${triageLabel(status).toLowerCase()}`,
    )
    // Under a status filter the changed row leaves the list and the next one takes its place.
    const leaves = query.triage !== undefined && !query.triage.includes(status)
    if (done && advance && !leaves && rows.total !== undefined)
      setFocus(Math.min(focus + 1, rows.total - 1))
  }

  async function selectAll() {
    const result = await invoke('findings:ids', props.filter)
    if (!result.ok) {
      setActionError({ title: 'Could not select every finding', error: result.error })
      return
    }
    setSelected(new Set(result.value.ids))
    const capped = result.value.truncated
      ? ` (the first ${formatCount(result.value.ids.length)})`
      : ''
    announce(`${plural(result.value.ids.length)} selected${capped}`)
  }

  if (rows.error !== undefined && rows.total === undefined)
    return <ErrorNotice error={rows.error} title="Could not list findings" />
  if (rows.total === undefined) return <p className="muted">Loading findings…</p>
  if (rows.total === 0) {
    return props.isFiltered ? (
      <div className="empty">
        <p>No finding matches these filters.</p>
        <button type="button" onClick={props.onClearFilters}>
          Clear filters
        </button>
      </div>
    ) : (
      <p className="empty">No findings yet — run a scan.</p>
    )
  }
  return (
    <>
      <p className="table-summary">
        {plural(rows.total)}
        {selected.size > 0 && ` · ${formatCount(selected.size)} selected`}
      </p>
      {selected.size > 0 && (
        <BulkBar
          count={selected.size}
          isBusy={isBusy}
          defaultTlp={props.defaultTlp}
          onStatus={(status) => void setStatus(status, false)}
          onTag={(tag, isAdding) => {
            const findingIds = [...selected]
            void change(
              'Could not change the tags',
              () =>
                invoke('findings:setTags', {
                  findingIds,
                  add: isAdding ? [tag] : [],
                  remove: isAdding ? [] : [tag],
                }),
              `Tag “${tag}” ${isAdding ? 'added to' : 'removed from'} {n}`,
            )
          }}
          onTlp={(tlp) => {
            const findingIds = [...selected]
            void change(
              'Could not set the TLP',
              () => invoke('findings:setTlp', { findingIds, tlp }),
              `{n} set to ${tlp === null ? 'the case default TLP' : tlpLabel(tlp)}`,
            )
          }}
          onClear={() => {
            setSelected(new Set())
            announce('Selection cleared')
          }}
        />
      )}
      {actionError !== undefined && (
        <ErrorNotice error={actionError.error} title={actionError.title} />
      )}
      {rows.error !== undefined && (
        <ErrorNotice error={rows.error} title="Could not load more findings" />
      )}
      <VirtualFindingsGrid
        rows={rows}
        total={rows.total}
        columns={props.columns}
        sort={query.sort ?? 'score'}
        direction={query.direction ?? 'desc'}
        onSort={props.onSort}
        focus={Math.min(focus, rows.total - 1)}
        onFocusChange={setFocus}
        selected={selected}
        onSelect={setSelected}
        onSelectAll={() => void selectAll()}
        openId={props.openId}
        onOpen={props.onOpen}
        onTriage={(status) => void setStatus(status, true)}
      />
    </>
  )
}
