import type { FindingRow } from '../../../main/core/model/findings'
import { Badge } from '../../components/Badge'
import { escapeText } from '../../lib/text'

/** Props of {@link RuleLifecycleBadges}. */
export interface RuleLifecycleBadgesProps {
  readonly row: Pick<FindingRow, 'ruleState' | 'suppression' | 'superseded'>
}

const SUPERSEDED_LABEL = {
  removed: 'Superseded: rule removed',
  'logic-changed': 'Superseded: rule changed',
} as const

/**
 * Text badges for a finding's rule life cycle: its rule was in testing, a suppression made it a
 * known false positive, or a later pack version removed or changed its rule. Nothing otherwise.
 */
export function RuleLifecycleBadges({ row }: RuleLifecycleBadgesProps) {
  if (row.ruleState !== 'testing' && row.suppression === null && row.superseded === null)
    return null
  return (
    <span className="flags">
      {row.ruleState === 'testing' && <Badge tone="neutral">Testing rule</Badge>}
      {row.suppression !== null && (
        <span title={escapeText(row.suppression.reason)}>
          <Badge tone="ok">Suppressed</Badge>
        </span>
      )}
      {row.superseded !== null && <Badge tone="warning">{SUPERSEDED_LABEL[row.superseded]}</Badge>}
    </span>
  )
}
