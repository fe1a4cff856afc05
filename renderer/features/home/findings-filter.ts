import type { TriageStatus } from '../../../main/core/model/findings'

/**
 * What the Case home asks the findings table to show: the `findings:list` filters a chart bar,
 * a rule or a triage status stands for (every one optional; absent = no filter).
 */
export interface FindingsFilter {
  readonly minScore?: number
  readonly maxScore?: number
  /** `rules.id` rows: every version of one rule. */
  readonly ruleIds?: readonly number[]
  readonly triage?: readonly TriageStatus[]
}
