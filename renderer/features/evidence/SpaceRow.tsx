import type { KeyboardEvent } from 'react'
import { formatCount } from '../../lib/format'
import { UNALLOCATED_LABEL } from './browse-scope'

/** Props of {@link SpaceRow}. */
export interface SpaceRowProps {
  readonly count: number
  readonly isSelected: boolean
  readonly buttonRef: (button: HTMLButtonElement | null) => void
  readonly onFocus: () => void
  readonly onKeyDown: (event: KeyboardEvent) => void
  readonly onActivate: () => void
}

/**
 * The virtual "Unallocated space" folder in the root of a file system: the volume's blocks of
 * unallocated space, as recorded when listing or scanning the image.
 */
export function SpaceRow(props: SpaceRowProps) {
  const { count, isSelected, buttonRef, onFocus, onKeyDown, onActivate } = props
  return (
    <tr className={isSelected ? 'is-selected space-row' : 'space-row'}>
      <td className="select-cell" />
      <th scope="row" className="name-cell kind-directory">
        <span className="folder-mark" aria-hidden="true">
          ▸
        </span>
        <button
          type="button"
          className="row-open"
          tabIndex={isSelected ? 0 : -1}
          ref={buttonRef}
          onFocus={onFocus}
          onKeyDown={onKeyDown}
          onClick={onActivate}
        >
          {UNALLOCATED_LABEL}
        </button>
        <small className="muted"> virtual folder, {formatCount(count)} blocks</small>
      </th>
      <td className="num">—</td>
      <td colSpan={7} className="muted">
        Blocks of the volume that no file owns, scanned as raw data.
      </td>
    </tr>
  )
}
