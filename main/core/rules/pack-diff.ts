import { canonicalJson } from '../crypto/canonical-json'
import type { PackRule } from './loaded-pack'

/** The rules of one pack version, and the engine it declares (null: a plain folder). */
export interface DiffSide {
  readonly rules: readonly PackRule[]
  readonly engine: {
    readonly min_version: string
    readonly modules: readonly string[]
    readonly externals: readonly string[]
  } | null
}

/** One rule in both versions. */
export interface RulePair {
  readonly before: PackRule
  readonly after: PackRule
}

/**
 * What changed between two versions of a pack (sharing-formats §5.4). A pair may be in more than
 * one class (renamed and logic changed, say); `unchanged` counts pairs in none.
 */
export interface PackDiff {
  readonly added: readonly PackRule[]
  readonly removed: readonly PackRule[]
  /** Same id, another name: findings stay valid. */
  readonly renamed: readonly RulePair[]
  /** Same id, another logic hash: detection changed, a retro-hunt is due. */
  readonly logicChanged: readonly RulePair[]
  /** Same logic, other meta or text (comments, formatting): nothing to re-scan. */
  readonly metaOnly: readonly RulePair[]
  /** active ↔ testing ↔ disabled. */
  readonly statusChanged: readonly RulePair[]
  /** A rule whose id changed but whose logic did not (a re-id, not a real add and remove). */
  readonly reIdentified: readonly RulePair[]
  /** The declared engine (minimum version, modules, externals) differs. */
  readonly engineChanged: boolean
  readonly unchanged: number
}

/** Meta without `status`, which has a class of its own. */
function withoutStatus(meta: PackRule['meta']): PackRule['meta'] {
  return Object.fromEntries(Object.entries(meta).filter(([key]) => key !== 'status'))
}

/** The key a rule is matched on: its id, or `namespace:name` when it has none. */
function keyOf(rule: PackRule): string {
  return rule.id !== null ? `id:${rule.id}` : `name:${rule.namespace}:${rule.name}`
}

/**
 * Compare two versions of a pack: rules joined on id (falling back to namespace and name), then
 * each pair classified; a removed rule whose logic reappears under a new id is a re-id.
 */
export function diffPacks(before: DiffSide, after: DiffSide): PackDiff {
  const old = new Map(before.rules.map((r) => [keyOf(r), r]))
  const now = new Map(after.rules.map((r) => [keyOf(r), r]))
  const pairs: RulePair[] = []
  let removed: PackRule[] = []
  for (const [key, rule] of old) {
    const match = now.get(key)
    if (match === undefined) removed.push(rule)
    else pairs.push({ before: rule, after: match })
  }
  let added = [...now].filter(([key]) => !old.has(key)).map(([, rule]) => rule)
  const reIdentified: RulePair[] = []
  for (const gone of removed) {
    const same = added.find((rule) => rule.logicHash === gone.logicHash)
    if (same === undefined) continue
    reIdentified.push({ before: gone, after: same })
    added = added.filter((rule) => rule !== same)
  }
  removed = removed.filter((rule) => !reIdentified.some((pair) => pair.before === rule))
  const renamed = pairs.filter((p) => p.before.name !== p.after.name)
  const logicChanged = pairs.filter((p) => p.before.logicHash !== p.after.logicHash)
  // Meta only: nothing else changed (a rename or a status change rewrites the text too).
  const metaOnly = pairs.filter(
    (p) =>
      p.before.logicHash === p.after.logicHash &&
      p.before.name === p.after.name &&
      p.before.status === p.after.status &&
      (canonicalJson(withoutStatus(p.before.meta)) !== canonicalJson(withoutStatus(p.after.meta)) ||
        p.before.source !== p.after.source ||
        p.before.score !== p.after.score ||
        canonicalJson(p.before.tags) !== canonicalJson(p.after.tags)),
  )
  const statusChanged = pairs.filter((p) => p.before.status !== p.after.status)
  const changed = new Set([...renamed, ...logicChanged, ...metaOnly, ...statusChanged])
  return {
    added,
    removed,
    renamed,
    logicChanged,
    metaOnly,
    statusChanged,
    reIdentified,
    engineChanged: canonicalJson(before.engine) !== canonicalJson(after.engine),
    unchanged: pairs.filter((p) => !changed.has(p)).length,
  }
}
