import type { FindingSortColumn } from '../../../main/core/model/findings'
import type { SortDirection } from './findings-query'

/** Props of {@link SortHeader}. */
export interface SortHeaderProps {
  readonly column: FindingSortColumn
  readonly label: string
  readonly sort: FindingSortColumn
  readonly direction: SortDirection
  readonly onSort: (column: FindingSortColumn) => void
  readonly className?: string
}

/**
 * A column header that sorts the table when clicked, with `aria-sort` on the sorted column.
 */
export function SortHeader({ column, label, sort, direction, onSort, className }: SortHeaderProps) {
  const isSorted = column === sort
  const ariaSort = isSorted ? (direction === 'asc' ? 'ascending' : 'descending') : undefined
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button
        type="button"
        className="sort-button"
        onClick={() => {
          onSort(column)
        }}
      >
        {label}
        <span className="sort-mark" aria-hidden="true">
          {isSorted ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  )
}
