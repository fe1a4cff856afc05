import type { RuleState } from './rule-key'

export { RULE_STATES, ruleKey } from './rule-key'
export type { RuleState } from './rule-key'

/** The longest reason for a rule state or a suppression (as `suppressions.json` allows). */
export const MAX_LIFECYCLE_REASON = 2000

/** The analyst's state for one rule in this case (`rules:states`). */
export interface RuleStateView {
  /** `id:<rule id>` or `name:<namespace>:<name>` (see `ruleKey`). */
  readonly ruleKey: string
  readonly namespace: string
  readonly name: string
  readonly state: RuleState
  readonly reason: string
  readonly setBy: string
  readonly setAt: string
}

/** Where a suppression came from: made in this case, or brought by a rule pack. */
export type SuppressionOrigin = 'case' | `pack:${string}`

/** A known false positive: a rule that wrongly matches one content (`suppressions:list`). */
export interface SuppressionView {
  readonly id: number
  readonly ruleKey: string
  /** SHA-256 of the content, lower-case hex. */
  readonly sha256: string
  readonly reason: string
  readonly origin: SuppressionOrigin
  readonly createdBy: string
  readonly createdAt: string
  /** Findings (any scan) that cite this suppression. */
  readonly findings: number
}

/** The suppression a finding cites, as the findings list and detail show it. */
export interface FindingSuppression {
  readonly id: number
  readonly reason: string
  /** Who made it (an examiner, or `pack:<name>` for a pack's). */
  readonly by: string
}

/** Why a finding is out of date: its rule's pack removed the rule or changed its logic. */
export type SupersededReason = 'removed' | 'logic-changed'
