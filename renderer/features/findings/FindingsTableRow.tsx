import type { KeyboardEvent } from 'react'
import type { FindingRow } from '../../../main/core/model/findings'
import { formatCount, shortHash } from '../../lib/format'
import { escapeText } from '../../lib/text'
import { SafeText } from '../../components/SafeText'
import { FindingFlags, FindingPlace } from './FindingPlace'
import { RuleLifecycleBadges } from '../rule-states/RuleLifecycleBadges'

/** Props of {@link FindingsTableRow}. */
export interface FindingsTableRowProps {
  readonly row: FindingRow
  readonly isSelected: boolean
  /** True when this finding's detail is open. */
  readonly isOpen: boolean
  /** Receives the row's button, so the table can move focus between rows. */
  readonly buttonRef: (button: HTMLButtonElement | null) => void
  readonly onFocus: () => void
  readonly onKeyDown: (event: KeyboardEvent) => void
  readonly onOpen: () => void
}

/**
 * One finding: the rule (a button: the row's only tab stop when selected), score, place
 * (`evidence › volume › file system › path`, with Deleted / Unallocated badges), type,
 * shortened SHA-256 (full value in the title) and match count.
 */
export function FindingsTableRow(props: FindingsTableRowProps) {
  const { row, isSelected, isOpen, buttonRef, onFocus, onKeyDown, onOpen } = props
  return (
    <tr
      className={isSelected ? 'is-selected' : undefined}
      aria-current={isOpen ? 'true' : undefined}
    >
      <th scope="row">
        <button
          type="button"
          className="row-open"
          tabIndex={isSelected ? 0 : -1}
          ref={buttonRef}
          onFocus={onFocus}
          onKeyDown={onKeyDown}
          onClick={onOpen}
        >
          <SafeText value={row.ruleName} max={200} />
        </button>
        <small className="muted">
          <SafeText value={row.packName} max={100} />@
          <SafeText value={row.packVersion} max={50} />
        </small>
        <RuleLifecycleBadges row={row} />
      </th>
      <td className="num">{row.score}</td>
      <td className="mono path">
        <FindingPlace row={row} isCompact />
        <FindingFlags row={row} />
      </td>
      <td>
        <SafeText value={row.mime} max={100} />
        {row.fileType !== null && row.fileType !== '' && row.fileType !== row.mime && (
          <small className="muted">
            {' '}
            <SafeText value={row.fileType} max={200} />
          </small>
        )}
      </td>
      <td className="mono">
        {row.sha256 === null ? (
          '—'
        ) : (
          <span title={escapeText(row.sha256)}>{shortHash(row.sha256)}</span>
        )}
      </td>
      <td className="num">{formatCount(row.matchCount)}</td>
    </tr>
  )
}
