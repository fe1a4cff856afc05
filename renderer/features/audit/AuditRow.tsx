import { Fragment } from 'react'
import type { AuditListEntry } from '../../../main/core/model/audit'
import { Badge } from '../../components/Badge'
import { SafeText } from '../../components/SafeText'
import { formatUtcSeconds } from '../../lib/format'
import { AuditDetails } from './AuditDetails'

/** Props of {@link AuditRow}. */
export interface AuditRowProps {
  readonly entry: AuditListEntry
  readonly isExpanded: boolean
  /** True for the first entry that does not verify. */
  readonly isBroken: boolean
  readonly onToggle: () => void
}

const COLUMNS = 5

/** One audit entry, and its details below it when expanded. */
export function AuditRow({ entry, isExpanded, isBroken, onToggle }: AuditRowProps) {
  const detailsId = `audit-details-${entry.seq}`
  return (
    <Fragment>
      <tr className={isBroken ? 'audit-broken' : undefined}>
        <th scope="row" className="num">
          #{entry.seq}
          {isBroken && (
            <>
              {' '}
              <Badge tone="danger">First broken entry</Badge>
            </>
          )}
        </th>
        <td>{formatUtcSeconds(entry.at)}</td>
        <td>
          <SafeText value={entry.actor} max={200} />
        </td>
        <td className="mono">
          <SafeText value={entry.action} max={200} />
        </td>
        <td>
          <button
            type="button"
            className="link-button"
            aria-expanded={isExpanded}
            aria-controls={isExpanded ? detailsId : undefined}
            aria-label={`Details of entry ${entry.seq}`}
            onClick={onToggle}
          >
            Details
          </button>{' '}
          <SafeText value={entry.subject} max={80} fallback="" />
        </td>
      </tr>
      {isExpanded && (
        <tr id={detailsId} className={isBroken ? 'audit-broken' : undefined}>
          <td colSpan={COLUMNS}>
            <AuditDetails entry={entry} />
          </td>
        </tr>
      )}
    </Fragment>
  )
}
