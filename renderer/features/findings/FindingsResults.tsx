import type { FindingPage, FindingSortColumn } from '../../../main/core/model/findings'
import { formatCount } from '../../lib/format'
import { Pager } from '../../components/Pager'
import { FindingsTable } from './FindingsTable'
import { FINDINGS_PAGE_SIZE, sortBy } from './findings-query'
import type { FindingsQuery } from './findings-query'

/** Props of {@link FindingsResults}. */
export interface FindingsResultsProps {
  readonly page: FindingPage
  readonly query: FindingsQuery
  readonly isBusy: boolean
  readonly isFiltered: boolean
  readonly selected: number
  readonly onSelect: (index: number) => void
  readonly openId: number | undefined
  readonly onOpen: (id: number) => void
  readonly onQueryChange: (query: FindingsQuery) => void
}

/**
 * A page of findings: the count, the table and the pager, or the empty state.
 */
export function FindingsResults(props: FindingsResultsProps) {
  const { page, query, onQueryChange } = props
  if (page.total === 0) {
    return (
      <p className="empty">
        {props.isFiltered ? 'No findings match these filters.' : 'No findings yet — run a scan.'}
      </p>
    )
  }
  return (
    <>
      <p className="table-summary" role="status">
        {formatCount(page.total)} findings
      </p>
      <FindingsTable
        rows={page.rows}
        sort={query.sort}
        direction={query.direction}
        onSort={(column: FindingSortColumn) => {
          onQueryChange(sortBy(query, column))
        }}
        selected={Math.min(props.selected, Math.max(page.rows.length - 1, 0))}
        onSelect={props.onSelect}
        openId={props.openId}
        onOpen={props.onOpen}
        isBusy={props.isBusy}
      />
      <Pager
        noun="findings"
        offset={query.offset}
        limit={FINDINGS_PAGE_SIZE}
        total={page.total}
        onOffsetChange={(offset) => {
          onQueryChange({ ...query, offset })
        }}
      />
    </>
  )
}
