import type { ReactNode } from 'react'
import type { PackRuleView } from '../../../main/core/model/rule-packs'
import { useInvoke } from '../../lib/use-invoke'
import { RuleStateControl } from '../rule-states/RuleStateControl'
import { packRuleKey } from './rules-labels'

/**
 * The per-case state control of each rule (`rules:states` of the open case), for the rules
 * table; undefined while the states are not known (then the table leaves the column out).
 */
export function useRuleStateColumn(): ((rule: PackRuleView) => ReactNode) | undefined {
  const { result } = useInvoke('rules:states', undefined)
  if (result?.ok !== true) return undefined
  const states = new Map(result.value.map((s) => [s.ruleKey, s.state]))
  return function renderState(rule: PackRuleView) {
    const key = packRuleKey(rule)
    const state = states.get(key) ?? 'active'
    return (
      // Keyed by the loaded state: the control starts from it, then keeps its own.
      <RuleStateControl
        key={`${key}:${state}`}
        ruleKey={key}
        namespace={rule.namespace}
        name={rule.name}
        state={state}
        hideLabel
      />
    )
  }
}
