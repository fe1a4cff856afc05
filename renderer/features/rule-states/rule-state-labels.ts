import type { RuleState } from '../../../main/core/model/rule-states'

/**
 * The rule states, in the order the select offers them. The renderer imports only types from
 * main/, so this repeats `RULE_STATES` (model/rule-key.ts); the type keeps the two in step.
 */
export const RULE_STATE_CHOICES: readonly RuleState[] = ['active', 'testing', 'disabled']

/** The longest reason main accepts (`MAX_LIFECYCLE_REASON` in model/rule-states.ts). */
export const MAX_REASON_CHARS = 2000
