import type { ReactNode } from 'react'
import type { FindingRow, FindingSortColumn } from '../../../../main/core/model/findings'
import { formatCount, formatSize, shortHash } from '../../../lib/format'
import { escapeText } from '../../../lib/text'
import { SafeText } from '../../../components/SafeText'
import { TlpBadge } from '../../../components/TlpBadge'
import { FindingFlags, FindingPlace } from '../FindingPlace'
import { triageLabel } from '../triage-labels'
import { RuleLifecycleBadges } from '../../rule-states/RuleLifecycleBadges'

/** The columns the findings table can show. */
export const COLUMN_IDS = [
  'rule',
  'score',
  'triage',
  'path',
  'type',
  'size',
  'evidence',
  'pack',
  'tags',
  'tlp',
  'sha256',
  'matches',
] as const

/** One of {@link COLUMN_IDS}. */
export type ColumnId = (typeof COLUMN_IDS)[number]

/** Shown until the analyst picks others. */
export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  'rule',
  'score',
  'triage',
  'path',
  'type',
  'tags',
  'matches',
]

/** How a column is titled, sorted, sized and filled. */
export interface ColumnDef {
  readonly id: ColumnId
  readonly label: string
  /** The server-side sort of this column; none: not sortable. */
  readonly sort?: FindingSortColumn
  /** Its CSS grid track. */
  readonly width: string
  readonly isNumeric?: boolean
  /** Class of its cells (`mono path`). */
  readonly className?: string
  readonly cell: (row: FindingRow) => ReactNode
}

/** Every column, in display order. */
export const COLUMNS: readonly ColumnDef[] = [
  {
    id: 'rule',
    label: 'Rule',
    sort: 'rule',
    width: 'minmax(10rem, 1.2fr)',
    cell: (row) => (
      <>
        <SafeText value={row.ruleName} max={200} /> <RuleLifecycleBadges row={row} />
      </>
    ),
  },
  {
    id: 'score',
    label: 'Score',
    sort: 'score',
    width: '4.5rem',
    isNumeric: true,
    cell: (r) => r.score,
  },
  {
    id: 'triage',
    label: 'Status',
    sort: 'triage',
    width: '7.5rem',
    cell: (row) => (
      <span className={`triage-tag triage-${row.triageStatus}`}>
        {triageLabel(row.triageStatus)}
      </span>
    ),
  },
  {
    id: 'path',
    label: 'Path',
    sort: 'path',
    width: 'minmax(12rem, 2fr)',
    className: 'mono path',
    cell: (row) => (
      <>
        <FindingPlace row={row} isCompact />
        <FindingFlags row={row} />
      </>
    ),
  },
  {
    id: 'type',
    label: 'Type',
    sort: 'type',
    width: 'minmax(6rem, 0.7fr)',
    cell: (row) => <SafeText value={row.mime} max={100} />,
  },
  {
    id: 'size',
    label: 'Size',
    sort: 'size',
    width: '6rem',
    isNumeric: true,
    cell: (row) => formatSize(row.sizeBytes),
  },
  {
    id: 'evidence',
    label: 'Evidence',
    sort: 'evidence',
    width: 'minmax(6rem, 0.7fr)',
    cell: (row) => <SafeText value={row.evidenceLabel} max={200} />,
  },
  {
    id: 'pack',
    label: 'Pack',
    sort: 'pack',
    width: 'minmax(6rem, 0.7fr)',
    cell: (row) => (
      <>
        <SafeText value={row.packName} max={100} />@<SafeText value={row.packVersion} max={50} />
      </>
    ),
  },
  {
    id: 'tags',
    label: 'Tags',
    width: 'minmax(6rem, 0.8fr)',
    cell: (row) =>
      row.tags.length === 0 ? '' : <SafeText value={row.tags.join(', ')} max={200} />,
  },
  {
    id: 'tlp',
    label: 'TLP',
    width: '7rem',
    cell: (row) =>
      row.tlp === null ? <span className="muted">default</span> : <TlpBadge level={row.tlp} />,
  },
  {
    id: 'sha256',
    label: 'SHA-256',
    width: '8rem',
    cell: (row) =>
      row.sha256 === null ? (
        '—'
      ) : (
        <span title={escapeText(row.sha256)}>{shortHash(row.sha256)}</span>
      ),
  },
  {
    id: 'matches',
    label: 'Matches',
    sort: 'matches',
    width: '5rem',
    isNumeric: true,
    cell: (row) => formatCount(row.matchCount),
  },
]

/** The definitions of the chosen columns, in display order (the rule column always first). */
export function visibleColumns(chosen: readonly ColumnId[]): ColumnDef[] {
  return COLUMNS.filter((column) => column.id === 'rule' || chosen.includes(column.id))
}
