import { sha256Hex } from '../crypto/digest'
import { ruleKey } from '../model/rule-key'
import type { RuleState } from '../model/rule-key'
import type { Db } from './open-case-db'

/** What the writer does with one finding about to be recorded. */
export type LifecycleDecision =
  | { readonly record: false }
  | {
      readonly record: true
      /** `testing` when the rule is being tried out in this case; null otherwise. */
      readonly ruleState: 'testing' | null
      /** The suppression covering this rule and content, or null. */
      readonly suppressionId: number | null
    }

/** What the rule states and suppressions did to a scan's results. */
export interface LifecycleTotals {
  /** Matches of rules disabled in this case: not recorded. */
  disabledMatches: number
  /** Findings recorded false positive because a suppression covers them. */
  suppressed: number
  /** Findings of rules in testing. */
  testing: number
}

const RECORD_PLAIN: LifecycleDecision = { record: true, ruleState: null, suppressionId: null }

/**
 * The case's rule states and suppressions, read once when a scan (or its resumption) starts: a
 * change made while the scan runs applies to the next scan. A rule the case has no state for
 * takes its pack's `status` (a publisher ships a rule as `testing` or `disabled`); the case's
 * state, `active` included, overrides it. Deciding costs Map lookups; a rule's key and status
 * are read from its row once per rule, not once per finding.
 */
export class RuleLifecycle {
  readonly totals: LifecycleTotals = { disabledMatches: 0, suppressed: 0, testing: 0 }
  private readonly states = new Map<string, RuleState>()
  private readonly suppressions = new Map<string, number>()
  private readonly rules = new Map<number, { key: string; status: RuleState }>()
  private readonly selectRule
  /** Whether a rule of the scan's packs has a status other than active. */
  private readonly packStatuses: boolean

  /** `packStatuses`: some rule of the scan's packs ships as `testing` or `disabled`. */
  constructor(db: Db, packStatuses = false) {
    const states = db.prepare('SELECT rule_key, state FROM rule_states').all() as {
      rule_key: string
      state: RuleState
    }[]
    for (const s of states) this.states.set(s.rule_key, s.state)
    const suppressions = db.prepare('SELECT id, rule_key, sha256 FROM suppressions').all() as {
      id: number
      rule_key: string
      sha256: string
    }[]
    for (const s of suppressions) this.suppressions.set(pairKey(s.rule_key, s.sha256), s.id)
    this.selectRule = db.prepare(
      'SELECT rule_id AS ruleId, namespace, name, status FROM rules WHERE id = ?',
    )
    this.packStatuses = packStatuses
  }

  /** Rules disabled or in testing, and suppressions, in effect for this scan. */
  get inEffect(): { disabled: number; testing: number; suppressions: number } {
    let disabled = 0
    let testing = 0
    for (const state of this.states.values()) {
      if (state === 'disabled') disabled += 1
      if (state === 'testing') testing += 1
    }
    return {
      disabled,
      testing,
      suppressions: this.suppressions.size,
    }
  }

  /**
   * The scan profile key with the disabled rules folded in: results reused from a scan that
   * disabled other rules would lack (or hold) findings this scan must not. Rules the case made
   * active count too (they may override a pack's `disabled`). Unchanged when the case sets no
   * such state, so existing reuse keeps working.
   */
  profileKey(base: string): string {
    const decisive = [...this.states]
      .filter(([, s]) => s !== 'testing')
      .map(([k, s]) => `${s}:${k}`)
      .sort()
    if (decisive.length === 0) return base
    return sha256Hex(`${base}\nstates:${JSON.stringify(decisive)}`)
  }

  /** Whether and how to record a finding of rule row `rulePk` on content `sha256`. */
  decide(rulePk: number, sha256: string | null): LifecycleDecision {
    if (this.states.size === 0 && this.suppressions.size === 0 && !this.packStatuses) {
      return RECORD_PLAIN
    }
    const rule = this.ruleOf(rulePk)
    const key = rule.key
    const chosen = this.states.get(key) ?? rule.status
    const state = chosen === 'active' ? undefined : chosen
    if (state === 'disabled') {
      this.totals.disabledMatches += 1
      return { record: false }
    }
    const suppressionId = sha256 === null ? undefined : this.suppressions.get(pairKey(key, sha256))
    if (suppressionId !== undefined) this.totals.suppressed += 1
    if (state === 'testing') this.totals.testing += 1
    if (suppressionId === undefined && state === undefined) return RECORD_PLAIN
    return {
      record: true,
      ruleState: state === 'testing' ? 'testing' : null,
      suppressionId: suppressionId ?? null,
    }
  }

  private ruleOf(rulePk: number): { key: string; status: RuleState } {
    const known = this.rules.get(rulePk)
    if (known !== undefined) return known
    const row = this.selectRule.get(rulePk) as
      { ruleId: string | null; namespace: string; name: string; status: RuleState } | undefined
    const rule =
      row === undefined
        ? { key: '', status: 'active' as const }
        : { key: ruleKey(row), status: row.status }
    this.rules.set(rulePk, rule)
    return rule
  }
}

function pairKey(key: string, sha256: string): string {
  return `${key}\n${sha256}`
}
