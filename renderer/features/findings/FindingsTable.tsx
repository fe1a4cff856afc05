import { useRef } from 'react'
import type { KeyboardEvent } from 'react'
import type { FindingRow, FindingSortColumn } from '../../../main/core/model/findings'
import type { SortDirection } from './findings-query'
import { FindingsTableRow } from './FindingsTableRow'
import { nextRowIndex } from './row-keys'
import { SortHeader } from './SortHeader'

/** Props of {@link FindingsTable}. */
export interface FindingsTableProps {
  readonly rows: readonly FindingRow[]
  readonly sort: FindingSortColumn
  readonly direction: SortDirection
  readonly onSort: (column: FindingSortColumn) => void
  /** Index of the selected row on this page. */
  readonly selected: number
  readonly onSelect: (index: number) => void
  /** The finding whose detail is open, if any. */
  readonly openId: number | undefined
  readonly onOpen: (findingId: number) => void
  readonly isBusy: boolean
}

/**
 * The findings table. Each row starts with a button named after the rule: one tab stop for the
 * table (roving tabindex), arrow keys / Home / End move the selection, Enter opens the detail.
 */
export function FindingsTable(props: FindingsTableProps) {
  const { rows, sort, direction, onSort, selected, onSelect, openId, onOpen } = props
  const buttons = useRef<(HTMLButtonElement | null)[]>([])

  function onKeyDown(event: KeyboardEvent, index: number) {
    const next = nextRowIndex(event.key, index, rows.length)
    if (next === null) return
    event.preventDefault()
    onSelect(next)
    buttons.current[next]?.focus()
  }

  const header = { sort, direction, onSort }
  return (
    <table className="data-table findings-table" aria-busy={props.isBusy}>
      <caption className="visually-hidden">Findings</caption>
      <colgroup>
        <col className="col-rule" />
        <col className="col-score" />
        <col className="col-path" />
        <col className="col-type" />
        <col className="col-hash" />
        <col className="col-matches" />
      </colgroup>
      <thead>
        <tr>
          <SortHeader column="rule" label="Rule" {...header} />
          <SortHeader column="score" label="Score" className="num" {...header} />
          <SortHeader column="path" label="Path" {...header} />
          <SortHeader column="type" label="Type" {...header} />
          <th scope="col">SHA-256</th>
          <SortHeader column="matches" label="Matches" className="num" {...header} />
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <FindingsTableRow
            key={row.id}
            row={row}
            isSelected={i === selected}
            isOpen={row.id === openId}
            buttonRef={(el) => {
              buttons.current[i] = el
            }}
            onFocus={() => {
              onSelect(i)
            }}
            onKeyDown={(e) => {
              onKeyDown(e, i)
            }}
            onOpen={() => {
              onOpen(row.id)
            }}
          />
        ))}
      </tbody>
    </table>
  )
}
