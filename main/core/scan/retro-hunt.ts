import { appendAudit } from '../case/audit-log'
import type { Db } from '../case/open-case-db'
import type { PackRule } from '../rules/loaded-pack'
import type { PackDiff } from '../rules/pack-diff'
import { selectionKey } from './selection'

/** What a pack update means for the findings already in a case. */
export interface RetroHuntPlan {
  /** Rules of the new version to run: added, logic changed, or no longer disabled. */
  readonly rules: readonly string[]
  /** Findings of earlier versions now marked: their rule was removed, or its logic changed. */
  readonly superseded: { readonly removed: number; readonly logicChanged: number }
  /** The case's entries whose content was read (by a scan); what a retro-hunt rescans. */
  readonly entryKeys: ReadonlySet<string>
  readonly evidenceIds: readonly number[]
}

/** The rules of a pack update a retro-hunt runs. */
export function retroHuntRules(diff: PackDiff): string[] {
  const enabled = (rule: PackRule): boolean => rule.status !== 'disabled'
  const names = [
    ...diff.added.filter(enabled),
    ...diff.logicChanged.map((pair) => pair.after).filter(enabled),
    ...diff.statusChanged
      .filter((pair) => pair.before.status === 'disabled' && enabled(pair.after))
      .map((pair) => pair.after),
  ].map((rule) => rule.name)
  return [...new Set(names)].sort()
}

/**
 * Apply a pack update to a case: mark the findings of earlier versions whose rule the new
 * version removed (`removed`) or detects differently (`logic-changed`, the rule's logic hash
 * differs from the new one), in one transaction with an audit entry; and list what a
 * retro-hunt rescans: the new and changed rules over every entry whose content a scan read
 * (same content is read and given to YARA once, by the scan's reuse of identical content).
 */
export function planRetroHunt(
  db: Db,
  input: {
    readonly caseUuid: string
    readonly examiner: string
    readonly pack: string
    readonly from: string
    readonly to: string
    readonly activeManifestSha256: string
    readonly diff: PackDiff
  },
): RetroHuntPlan {
  const { diff } = input
  const superseded = db
    .transaction(() => {
      const removed = diff.removed.reduce(
        (n, rule) => n + markFindings(db, input, rule, 'removed', null),
        0,
      )
      const logicChanged = diff.logicChanged.reduce(
        (n, pair) =>
          n + markFindings(db, input, pair.before, 'logic-changed', pair.after.logicHash),
        0,
      )
      appendAudit(db, input.caseUuid, {
        actor: input.examiner,
        action: 'rules.pack-updated',
        subject: input.pack,
        details: {
          from: input.from,
          to: input.to,
          added: diff.added.length,
          removed: diff.removed.length,
          logicChanged: diff.logicChanged.length,
          findingsSuperseded: { removed, logicChanged },
        },
      })
      return { removed, logicChanged }
    })
    .immediate()
  const rows = db
    .prepare(
      `SELECT evidence_id, entry_key FROM files
       WHERE kind = 'file' AND sha256 IS NOT NULL ORDER BY evidence_id, id`,
    )
    .all() as { evidence_id: number; entry_key: string }[]
  return {
    rules: retroHuntRules(diff),
    superseded,
    entryKeys: new Set(rows.map((row) => selectionKey(row.evidence_id, row.entry_key))),
    evidenceIds: [...new Set(rows.map((row) => row.evidence_id))],
  }
}

/**
 * Mark the findings of one rule recorded from other versions of the pack (matched by rule id,
 * else namespace and name); with `keepLogic`, findings whose rule already has that logic stay.
 */
function markFindings(
  db: Db,
  input: { readonly pack: string; readonly activeManifestSha256: string },
  rule: PackRule,
  mark: 'removed' | 'logic-changed',
  keepLogic: string | null,
): number {
  const match = rule.id !== null ? 'r.rule_id = ?' : 'r.namespace = ? AND r.name = ?'
  const params = rule.id !== null ? [rule.id] : [rule.namespace, rule.name]
  return db
    .prepare(
      `UPDATE findings SET superseded = ?
       WHERE superseded IS NULL AND rule_pk IN (
         SELECT r.id FROM rules r JOIN rule_packs p ON p.id = r.pack_id
         WHERE p.name = ? AND p.manifest_sha256 != ? AND ${match}
           AND (? IS NULL OR r.logic_hash IS NOT ?))`,
    )
    .run(mark, input.pack, input.activeManifestSha256, ...params, keepLogic, keepLogic).changes
}
