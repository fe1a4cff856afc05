import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import type { CSSProperties, KeyboardEvent, MouseEvent } from 'react'
import type { FindingSortColumn, TriageStatus } from '../../../../main/core/model/findings'
import { rowWindow, scrollToShow } from '../../../lib/virtual-rows'
import { triageForKey } from '../../triage/triage-shortcuts'
import type { ColumnDef } from './columns'
import { indexRange, movedIndex } from './grid-keys'
import type { FindingRows } from './use-finding-rows'

/** Height of a row and of the sticky header, in CSS pixels (findings-table.css uses the same). */
export const ROW_HEIGHT = 32
const HEADER_HEIGHT = 34
/** Rows rendered beyond each edge of the viewport, so a fast scroll shows no blank rows. */
const OVERSCAN = 10
/** Used when layout gives no height (jsdom; the first frame). */
const FALLBACK_VIEWPORT = 480

/** Props of {@link VirtualFindingsGrid}. */
export interface VirtualFindingsGridProps {
  readonly rows: FindingRows
  readonly total: number
  readonly columns: readonly ColumnDef[]
  readonly sort: FindingSortColumn
  readonly direction: 'asc' | 'desc'
  readonly onSort: (column: FindingSortColumn) => void
  /** Index of the focused row. */
  readonly focus: number
  readonly onFocusChange: (index: number) => void
  /** Selected finding ids. */
  readonly selected: ReadonlySet<number>
  readonly onSelect: (ids: ReadonlySet<number>) => void
  readonly onSelectAll: () => void
  readonly openId: number | undefined
  readonly onOpen: (findingId: number) => void
  readonly onTriage: (status: TriageStatus) => void
}

/**
 * The findings as an ARIA grid of `total` rows of which only the visible ones (and a few more)
 * are in the DOM; rows load by block as they scroll into view. One tab stop: focus stays on the
 * grid and `aria-activedescendant` names the focused row. Arrows, Page Up/Down, Home/End move;
 * Shift extends the selection; Space toggles; Ctrl+A selects every match; Enter opens; the
 * triage keys set the status.
 */
export function VirtualFindingsGrid(props: VirtualFindingsGridProps) {
  const { rows, total, columns, focus, selected } = props
  const gridId = useId()
  const grid = useRef<HTMLDivElement>(null)
  const anchor = useRef(focus)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT)
  const bodyHeight = Math.max(viewport - HEADER_HEIGHT, ROW_HEIGHT)
  const visible = rowWindow(scrollTop, bodyHeight, ROW_HEIGHT, total, OVERSCAN)
  const pageRows = Math.floor(bodyHeight / ROW_HEIGHT)

  useLayoutEffect(() => {
    const el = grid.current
    if (el === null) return
    const measure = () => {
      setViewport(el.clientHeight > 0 ? el.clientHeight : FALLBACK_VIEWPORT)
    }
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => {
      observer.disconnect()
    }
  }, [])

  const { ensure } = rows
  useEffect(() => {
    ensure({ start: visible.start, end: visible.end })
  }, [ensure, visible.start, visible.end])

  function moveTo(index: number) {
    props.onFocusChange(index)
    const el = grid.current
    const next = scrollToShow(index, scrollTop, bodyHeight, ROW_HEIGHT)
    if (next !== scrollTop) {
      if (el !== null) el.scrollTop = next
      setScrollTop(next)
    }
  }

  function selectRange(from: number, to: number) {
    const ids = indexRange(from, to).flatMap((i) => rows.rowAt(i)?.id ?? [])
    props.onSelect(new Set(ids))
  }

  function toggle(index: number) {
    const id = rows.rowAt(index)?.id
    if (id === undefined) return
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    anchor.current = index
    props.onSelect(next)
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return // keys of the header's sort buttons
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault()
      props.onSelectAll()
      return
    }
    const status = triageForKey(event)
    if (status !== null) {
      event.preventDefault()
      props.onTriage(status)
      return
    }
    if (event.key === 'Enter') {
      const row = rows.rowAt(focus)
      if (row !== undefined) props.onOpen(row.id)
      return
    }
    if (event.key === ' ') {
      event.preventDefault()
      toggle(focus)
      return
    }
    if (event.key === 'Escape' && selected.size > 0) {
      props.onSelect(new Set())
      return
    }
    const next = movedIndex(event.key, focus, total, pageRows)
    if (next === null) return
    event.preventDefault()
    if (event.shiftKey) selectRange(anchor.current, next)
    else anchor.current = next
    moveTo(next)
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const rowEl = (event.target as HTMLElement).closest<HTMLElement>('[data-row-index]')
    if (rowEl === null) return
    const index = Number(rowEl.dataset['rowIndex'])
    if (event.ctrlKey || event.metaKey) toggle(index)
    else if (event.shiftKey) selectRange(anchor.current, index)
    else {
      anchor.current = index
      const row = rows.rowAt(index)
      if (row !== undefined) props.onOpen(row.id)
    }
    props.onFocusChange(index)
  }

  const focusedRow = rows.rowAt(focus)
  const focusInView = focus >= visible.start && focus < visible.end && focusedRow !== undefined
  const style = {
    '--findings-columns': columns.map((c) => c.width).join(' '),
  } as CSSProperties
  const rowIndexes = Array.from(
    { length: visible.end - visible.start },
    (_, i) => visible.start + i,
  )
  return (
    <div
      ref={grid}
      role="grid"
      aria-label="Findings"
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-activedescendant={focusInView ? `${gridId}-row-${focus}` : undefined}
      tabIndex={0}
      className="findings-grid"
      style={style}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onScroll={(event) => {
        setScrollTop(event.currentTarget.scrollTop)
      }}
    >
      <div role="rowgroup" className="findings-grid-head">
        <div role="row" aria-rowindex={1} className="findings-grid-row">
          {columns.map((column) => (
            <HeaderCell key={column.id} column={column} {...props} />
          ))}
        </div>
      </div>
      <div role="rowgroup" className="findings-grid-body" style={{ height: total * ROW_HEIGHT }}>
        {rowIndexes.map((index) => {
          const row = rows.rowAt(index)
          const isSelected = row !== undefined && selected.has(row.id)
          const classes = ['findings-grid-row']
          if (index === focus) classes.push('is-focused')
          if (isSelected) classes.push('is-selected')
          return (
            <div
              key={index}
              id={`${gridId}-row-${index}`}
              role="row"
              aria-rowindex={index + 2}
              aria-selected={row === undefined ? undefined : isSelected}
              aria-current={row !== undefined && row.id === props.openId ? 'true' : undefined}
              data-row-index={index}
              className={classes.join(' ')}
              style={{ top: index * ROW_HEIGHT }}
            >
              {row === undefined ? (
                <div role="gridcell" className="findings-grid-loading">
                  Loading…
                </div>
              ) : (
                columns.map((column) => (
                  <div
                    key={column.id}
                    role="gridcell"
                    className={column.isNumeric === true ? 'num' : column.className}
                  >
                    {column.cell(row)}
                  </div>
                ))
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
}

function HeaderCell({
  column,
  sort,
  direction,
  onSort,
}: { column: ColumnDef } & Pick<VirtualFindingsGridProps, 'sort' | 'direction' | 'onSort'>) {
  const sortColumn = column.sort
  const isSorted = sortColumn !== undefined && sortColumn === sort
  const ariaSort = isSorted ? (direction === 'asc' ? 'ascending' : 'descending') : undefined
  return (
    <div
      role="columnheader"
      aria-sort={ariaSort}
      className={column.isNumeric === true ? 'num' : undefined}
    >
      {sortColumn === undefined ? (
        column.label
      ) : (
        <button
          type="button"
          className="sort-button"
          onClick={() => {
            onSort(sortColumn)
          }}
        >
          {column.label}
          <span className="sort-mark" aria-hidden="true">
            {isSorted ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
          </span>
        </button>
      )}
    </div>
  )
}
