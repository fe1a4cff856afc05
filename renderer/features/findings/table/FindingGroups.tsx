import { useId, useState } from 'react'
import type { FindingGroup, FindingGroupSort } from '../../../../main/core/model/finding-facets'
import type { ChannelInput } from '../../../../main/ipc/contract'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { Pager } from '../../../components/Pager'
import { SafeText } from '../../../components/SafeText'
import { formatCount } from '../../../lib/format'
import { useInvoke } from '../../../lib/use-invoke'

/** Groups per page. */
const GROUP_PAGE = 200

/** Props of {@link FindingGroups}. */
export interface FindingGroupsProps {
  readonly filter: ChannelInput<'findings:facets'>
  readonly by: 'rule' | 'file'
  readonly revision: number
  readonly onExpand: (group: FindingGroup) => void
}

const ORDER_LABELS: Readonly<Record<FindingGroupSort, string>> = {
  count: 'Most findings',
  maxScore: 'Highest score',
  label: 'Name',
}

/**
 * The findings grouped by rule or by file (`findings:groups`): one button per group with its
 * count and top score; Enter or a click opens the group as a filtered list.
 */
export function FindingGroups({ filter, by, revision, onExpand }: FindingGroupsProps) {
  const orderId = useId()
  const [sort, setSort] = useState<FindingGroupSort>('count')
  const [offset, setOffset] = useState(0)
  const direction = sort === 'label' ? 'asc' : 'desc'
  const { result } = useInvoke(
    'findings:groups',
    { ...filter, by, sort, direction, offset, limit: GROUP_PAGE },
    revision,
  )
  const noun = by === 'rule' ? 'rules' : 'files'
  if (result === undefined) return <p className="muted">Loading groups…</p>
  if (!result.ok) return <ErrorNotice error={result.error} title="Could not group the findings" />
  const page = result.value
  return (
    <div className="finding-groups">
      <div className="field field-inline">
        <label htmlFor={orderId}>Order groups by</label>
        <select
          id={orderId}
          value={sort}
          onChange={(e) => {
            setSort(e.target.value as FindingGroupSort)
            setOffset(0)
          }}
        >
          {Object.entries(ORDER_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {page.total === 0 ? (
        <p className="empty">No finding matches these filters.</p>
      ) : (
        <ul className="group-list" aria-label={`Findings by ${by}`}>
          {page.groups.map((group) => (
            <li key={group.key}>
              <button
                type="button"
                className="group-row"
                onClick={() => {
                  onExpand(group)
                }}
              >
                <span className="group-label">
                  <SafeText value={group.label} max={300} />
                </span>
                <small className="muted">
                  <SafeText value={group.detail} max={200} />
                </small>
                <span className="group-count">
                  {formatCount(group.count)} {group.count === 1 ? 'finding' : 'findings'}
                </span>
                <span className="group-score">top score {group.maxScore}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {page.total > GROUP_PAGE && (
        <Pager
          noun={noun}
          offset={offset}
          limit={GROUP_PAGE}
          total={page.total}
          onOffsetChange={setOffset}
        />
      )}
    </div>
  )
}
