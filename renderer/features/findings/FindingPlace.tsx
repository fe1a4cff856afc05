import type { FindingRow } from '../../../main/core/model/findings'
import { Badge } from '../../components/Badge'
import { SafeText } from '../../components/SafeText'

/** Props of {@link FindingPlace}. */
export interface FindingPlaceProps {
  readonly row: Pick<FindingRow, 'evidenceLabel' | 'location' | 'path'>
  /** Cut each part for a table cell; the detail shows them whole. */
  readonly isCompact?: boolean
}

/**
 * Where a finding is: `evidence › volume › file system › path` (just `evidence › path` for a
 * host file). Every part comes from evidence or an image and is shown as hostile text.
 */
export function FindingPlace({ row, isCompact = false }: FindingPlaceProps) {
  return (
    <span className="place">
      <span className="place-where">
        <SafeText value={row.evidenceLabel} max={isCompact ? 100 : 1000} />
        {row.location !== null && (
          <>
            {' › '}
            <SafeText value={row.location} max={isCompact ? 200 : 2000} />
          </>
        )}
        {' › '}
      </span>
      <span className="place-path">
        <SafeText value={row.path} max={isCompact ? 400 : undefined} />
      </span>
    </span>
  )
}

/** Props of {@link FindingFlags}. */
export interface FindingFlagsProps {
  readonly row: Pick<FindingRow, 'deleted' | 'unallocated'>
}

/** Badges for a finding in a deleted file or in a block of unallocated space. */
export function FindingFlags({ row }: FindingFlagsProps) {
  if (!row.deleted && !row.unallocated) return null
  return (
    <span className="flags">
      {row.deleted && <Badge tone="warning">Deleted</Badge>}
      {row.unallocated && <Badge tone="warning">Unallocated</Badge>}
    </span>
  )
}
