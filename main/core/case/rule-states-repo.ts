import { AppError } from '../model/errors'
import { MAX_LIFECYCLE_REASON, RULE_STATES } from '../model/rule-states'
import type { RuleState, RuleStateView } from '../model/rule-states'
import { appendAudit } from './audit-log'
import type { Db } from './open-case-db'

/** What {@link setRuleState} records. */
export interface RuleStateInput {
  readonly ruleKey: string
  readonly namespace: string
  readonly name: string
  readonly state: RuleState
  readonly reason?: string | undefined
  readonly examiner: string
}

/**
 * The SQL expression of `ruleKey()` over a `rules` row aliased `r`: `id:<rule_id>` when the rule
 * has an id, else `name:<namespace>:<name>`. Keep in step with `model/rule-key.ts`.
 */
export const RULE_KEY_SQL = `CASE WHEN r.rule_id IS NOT NULL AND r.rule_id != ''
  THEN 'id:' || r.rule_id ELSE 'name:' || r.namespace || ':' || r.name END`

interface StateRow {
  rule_key: string
  namespace: string
  name: string
  state: RuleState
  reason: string
  set_by: string
  set_at: string
}

/** The case's uuid (the audit chain is bound to it). */
export function caseUuidOf(db: Db): string {
  const row = db.prepare('SELECT uuid FROM case_info WHERE id = 1').get() as
    { uuid: string } | undefined
  if (row === undefined) throw new AppError('CASE_CORRUPT', 'The case has no case_info row.')
  return row.uuid
}

/**
 * Check a rule key as `ruleKey()` builds it: `id:<id>` (1–128 characters) or
 * `name:<namespace>:<name>`, no control characters.
 *
 * @throws AppError INVALID_INPUT naming the expected form.
 */
export function checkRuleKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = !/[\u0000-\u001f\u007f-\u009f]/.test(key)
  const shaped = /^id:.{1,128}$/su.test(key) || /^name:[^:]{1,128}:[^:]{1,128}$/u.test(key)
  if (!plain || !shaped) {
    throw new AppError(
      'INVALID_INPUT',
      'A rule key reads "id:<rule id>" or "name:<namespace>:<rule name>" (as `outpost rules states` lists them).',
    )
  }
  return key
}

/**
 * Trim and bound a reason.
 *
 * @throws AppError INVALID_INPUT when it is too long, or empty while `required`.
 */
export function checkReason(reason: string | undefined, required: boolean): string {
  const text = (reason ?? '').trim()
  if (required && text === '') throw new AppError('INVALID_INPUT', 'A reason is required.')
  if (text.length > MAX_LIFECYCLE_REASON) {
    throw new AppError(
      'INVALID_INPUT',
      `A reason holds at most ${MAX_LIFECYCLE_REASON} characters.`,
    )
  }
  return text
}

/**
 * Set a rule's state in this case, with its audit entry (previous state, reason, examiner).
 * The state applies from the next scan: a running scan keeps the states it started with.
 *
 * @throws AppError INVALID_INPUT for an unknown state, a malformed key or an over-long reason.
 */
export function setRuleState(db: Db, input: RuleStateInput, now = new Date()): RuleStateView {
  checkRuleKey(input.ruleKey)
  if (!(RULE_STATES as readonly string[]).includes(input.state)) {
    throw new AppError('INVALID_INPUT', `A rule state is one of ${RULE_STATES.join(', ')}.`)
  }
  const namespace = input.namespace.trim()
  const name = input.name.trim()
  if (namespace === '' || name === '' || namespace.length > 256 || name.length > 256) {
    throw new AppError('INVALID_INPUT', 'A rule state names the rule (namespace and name).')
  }
  const reason = checkReason(input.reason, false)
  const at = now.toISOString()
  return db.transaction(() => {
    const previous = db
      .prepare('SELECT state FROM rule_states WHERE rule_key = ?')
      .get(input.ruleKey) as { state: RuleState } | undefined
    db.prepare(
      `INSERT INTO rule_states (rule_key, namespace, name, state, reason, set_by, set_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (rule_key) DO UPDATE SET namespace = excluded.namespace, name = excluded.name,
         state = excluded.state, reason = excluded.reason, set_by = excluded.set_by,
         set_at = excluded.set_at`,
    ).run(input.ruleKey, namespace, name, input.state, reason, input.examiner, at)
    appendAudit(
      db,
      caseUuidOf(db),
      {
        actor: input.examiner,
        action: 'rule.state-set',
        subject: input.ruleKey,
        details: {
          namespace,
          name,
          state: input.state,
          previous: previous?.state ?? 'active',
          reason,
          appliesFrom: 'the next scan',
        },
      },
      now,
    )
    return {
      ruleKey: input.ruleKey,
      namespace,
      name,
      state: input.state,
      reason,
      setBy: input.examiner,
      setAt: at,
    }
  })()
}

/** Every rule state set in this case, by rule key. */
export function ruleStates(db: Db): Map<string, RuleStateView> {
  const rows = db.prepare('SELECT * FROM rule_states ORDER BY rule_key').all() as StateRow[]
  return new Map(rows.map((r) => [r.rule_key, toView(r)]))
}

/** Every rule state set in this case, sorted by rule key (for lists). */
export function listRuleStates(db: Db): RuleStateView[] {
  return [...ruleStates(db).values()]
}

function toView(r: StateRow): RuleStateView {
  return {
    ruleKey: r.rule_key,
    namespace: r.namespace,
    name: r.name,
    state: r.state,
    reason: r.reason,
    setBy: r.set_by,
    setAt: r.set_at,
  }
}
