import type { CaseService } from '../services/case-service'
import { RuleStateService } from '../services/rule-state-service'
import type { HandlerTable } from './dispatch'

type RuleStateChannel = Extract<
  keyof HandlerTable,
  | 'rules:states'
  | 'rules:setState'
  | 'suppressions:list'
  | 'suppressions:add'
  | 'suppressions:remove'
  | 'suppressions:export'
>

/** Per-case rule states (active / testing / disabled) and false-positive suppressions. */
export function ruleStateHandlers(cases: CaseService): Pick<HandlerTable, RuleStateChannel> {
  const service = new RuleStateService(() => cases.require())
  return {
    'rules:states': () => service.states(),
    'rules:setState': (input) => service.setState(input),
    'suppressions:list': () => service.suppressions(),
    'suppressions:add': (input) => service.suppress(input),
    'suppressions:remove': (input) => service.unsuppress(input),
    'suppressions:export': (input) => service.exportSuppressions(input.path),
  }
}
