import type {
  PackDiffView as Diff,
  PackRulePairView,
  PackRuleRef,
} from '../../../main/core/model/rule-packs'
import { SafeText } from '../../components/SafeText'
import { formatCount } from '../../lib/format'
import { DIFF_GROUP_LABELS, DIFF_GROUPS, groupCount } from './rules-labels'
import type { DiffGroup } from './rules-labels'

/** Props of {@link PackDiffView}. */
export interface PackDiffViewProps {
  readonly diff: Diff
}

/**
 * What an update changes, as counted groups (added, removed, logic changed, renamed, status
 * changed, re-identified, meta only), each listing its rules by name and id.
 */
export function PackDiffView({ diff }: PackDiffViewProps) {
  const shown = DIFF_GROUPS.filter((group) => groupCount(diff, group) > 0)
  return (
    <div className="pack-diff">
      <ul className="diff-counts" aria-label="Changes by kind">
        {DIFF_GROUPS.map((group) => (
          <li key={group} className={groupCount(diff, group) > 0 ? 'has-changes' : undefined}>
            {DIFF_GROUP_LABELS[group].title} <strong>{formatCount(groupCount(diff, group))}</strong>
          </li>
        ))}
        <li>
          Unchanged <strong>{formatCount(diff.unchanged)}</strong>
        </li>
      </ul>
      {diff.engineChanged && (
        <p className="notice notice-warning">
          The engine requirements changed (minimum version, modules or externals).
        </p>
      )}
      {shown.length === 0 && !diff.engineChanged && (
        <p className="empty">No rule changes: the same rules as the active version.</p>
      )}
      {shown.map((group) => (
        <DiffGroupList key={group} group={group} diff={diff} />
      ))}
    </div>
  )
}

function DiffGroupList({ group, diff }: { readonly group: DiffGroup; readonly diff: Diff }) {
  const label = DIFF_GROUP_LABELS[group]
  const headingId = `diff-${group}`
  const items: readonly (PackRuleRef | PackRulePairView)[] = diff[group]
  return (
    <section className={`diff-group diff-${group}`} aria-labelledby={headingId}>
      <h4 id={headingId}>
        {label.title} ({formatCount(items.length)})
      </h4>
      <p className="hint">{label.hint}</p>
      <ul className="diff-rules">
        {items.map((item, i) => (
          <li key={i}>
            {'before' in item ? <PairItem pair={item} group={group} /> : <RuleItem rule={item} />}
          </li>
        ))}
      </ul>
    </section>
  )
}

function RuleItem({ rule }: { readonly rule: PackRuleRef }) {
  return (
    <>
      <span className="mono">
        <SafeText value={rule.name} max={128} />
      </span>
      {rule.id !== null && (
        <small className="muted mono">
          {' '}
          <SafeText value={rule.id} max={64} />
        </small>
      )}
    </>
  )
}

function PairItem({ pair, group }: { readonly pair: PackRulePairView; readonly group: DiffGroup }) {
  if (group === 'renamed' || group === 'reIdentified') {
    return (
      <>
        <RuleItem rule={pair.before} /> → <RuleItem rule={pair.after} />
      </>
    )
  }
  return (
    <>
      <RuleItem rule={pair.after} />
      {pair.detail !== null && (
        <small className="muted">
          {' '}
          (<SafeText value={pair.detail} max={64} />)
        </small>
      )}
    </>
  )
}
