/**
 * The key that names a rule across versions of its pack, for per-case rule states and
 * false-positive suppressions: `id:<id>` when the rule has an `id` meta (publishers keep ids
 * stable across renames), else `name:<namespace>:<name>`.
 */
export function ruleKey(rule: {
  readonly ruleId: string | null
  readonly namespace: string
  readonly name: string
}): string {
  return rule.ruleId !== null && rule.ruleId !== ''
    ? `id:${rule.ruleId}`
    : `name:${rule.namespace}:${rule.name}`
}

/** The rule states an analyst can give a rule in a case. */
export const RULE_STATES = ['active', 'testing', 'disabled'] as const
export type RuleState = (typeof RULE_STATES)[number]
