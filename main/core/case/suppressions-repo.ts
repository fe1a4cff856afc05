import { AppError } from '../model/errors'
import { ruleKey } from '../model/rule-key'
import type { SuppressionOrigin, SuppressionView } from '../model/rule-states'
import type { PackSuppression } from '../rules/suppressions-file'
import { serialiseSuppressions } from '../rules/suppressions-file'
import { appendAudit } from './audit-log'
import type { Db } from './open-case-db'
import { caseUuidOf, checkReason, RULE_KEY_SQL } from './rule-states-repo'

interface SuppressionRow {
  id: number
  rule_key: string
  sha256: string
  reason: string
  origin: SuppressionOrigin
  created_by: string
  created_at: string
  findings: number
}

// One pass over the findings for the counts (findings.suppression_id has no index).
const SELECT_VIEW = `SELECT s.*, coalesce(c.n, 0) AS findings FROM suppressions s
  LEFT JOIN (SELECT suppression_id, count(*) AS n FROM findings
             WHERE suppression_id IS NOT NULL GROUP BY suppression_id) c ON c.suppression_id = s.id`

/** Findings (any scan) of a rule key on content with a SHA-256: what a suppression covers. */
// CROSS JOIN keeps files (by the sha256 index) as the outer loop, never a scan of all findings.
const COVERED_FINDINGS = `SELECT f.id FROM files fl
  CROSS JOIN findings f ON f.file_id = fl.id JOIN rules r ON r.id = f.rule_pk
  WHERE fl.sha256 = @sha256 AND ${RULE_KEY_SQL} = @ruleKey`

/**
 * Turn a finding marked false positive into a suppression: its rule's key + its file's SHA-256
 * + the reason. Every finding it covers, in any scan, becomes `false-positive` citing it; later
 * scans record such matches the same way.
 *
 * @throws AppError NOT_FOUND (no such finding), INVALID_INPUT (no reason, the file has no
 *   SHA-256, or the pair is already suppressed).
 */
export function addSuppressionFromFinding(
  db: Db,
  input: { readonly findingId: number; readonly reason: string; readonly examiner: string },
  now = new Date(),
): SuppressionView {
  const reason = checkReason(input.reason, true)
  const found = db
    .prepare(
      `SELECT r.rule_id AS ruleId, r.namespace, r.name, fl.sha256, fl.path FROM findings f
       JOIN rules r ON r.id = f.rule_pk JOIN files fl ON fl.id = f.file_id WHERE f.id = ?`,
    )
    .get(input.findingId) as
    { ruleId: string | null; namespace: string; name: string; sha256: string | null } | undefined
  if (found === undefined) {
    throw new AppError('NOT_FOUND', `There is no finding ${input.findingId} in this case.`)
  }
  if (found.sha256 === null || !/^[0-9a-f]{64}$/.test(found.sha256)) {
    throw new AppError(
      'INVALID_INPUT',
      `Finding ${input.findingId} cannot become a suppression: its content has no SHA-256 (a block of unallocated space, or a file not hashed). Mark it false positive instead.`,
    )
  }
  const key = ruleKey(found)
  const sha256 = found.sha256
  return db.transaction(() => {
    const existing = db
      .prepare('SELECT id, origin FROM suppressions WHERE rule_key = ? AND sha256 = ?')
      .get(key, sha256) as { id: number; origin: string } | undefined
    if (existing !== undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `This rule and content are already suppressed (suppression ${existing.id}, from ${existing.origin}).`,
      )
    }
    const write = suppressionWriter(db)
    const id = write.insert(key, sha256, reason, 'case', input.examiner, now)
    const marked = write.mark(id, key, sha256)
    appendAudit(
      db,
      caseUuidOf(db),
      {
        actor: input.examiner,
        action: 'suppression.added',
        subject: String(id),
        details: {
          fromFinding: input.findingId,
          ruleKey: key,
          sha256,
          reason,
          findingsMarkedFalsePositive: marked,
        },
      },
      now,
    )
    const view = getSuppression(db, id)
    if (view === undefined) throw new AppError('INTERNAL', 'The suppression was not saved.')
    return view
  })()
}

/** The case's suppressions (its own and its packs'), oldest first. */
export function listSuppressions(db: Db): SuppressionView[] {
  const rows = db.prepare(`${SELECT_VIEW} ORDER BY s.id`).all() as SuppressionRow[]
  return rows.map(toView)
}

/** One suppression, or undefined. */
export function getSuppression(db: Db, id: number): SuppressionView | undefined {
  const row = db.prepare(`${SELECT_VIEW} WHERE s.id = ?`).get(id) as SuppressionRow | undefined
  return row === undefined ? undefined : toView(row)
}

/**
 * Remove a suppression. The findings that cited it lose the link but keep the triage status
 * the analyst sees (false positive): the audit entry says so; change them by hand if needed.
 *
 * @throws AppError NOT_FOUND.
 */
export function removeSuppression(
  db: Db,
  input: { readonly id: number; readonly examiner: string; readonly reason?: string | undefined },
  now = new Date(),
): SuppressionView {
  const reason = checkReason(input.reason, false)
  return db.transaction(() => {
    const view = getSuppression(db, input.id)
    if (view === undefined) {
      throw new AppError('NOT_FOUND', `There is no suppression ${input.id} in this case.`)
    }
    const cleared = unlinkAndDelete(db, [input.id])
    appendAudit(
      db,
      caseUuidOf(db),
      {
        actor: input.examiner,
        action: 'suppression.removed',
        subject: String(input.id),
        details: {
          ruleKey: view.ruleKey,
          sha256: view.sha256,
          origin: view.origin,
          reason,
          findingsUnlinked: cleared,
          triage: 'left as it was (false-positive); later scans record these matches as new',
        },
      },
      now,
    )
    return view
  })()
}

/**
 * Bring a pack's `suppressions.json` into the case as `pack:<name>` suppressions, replacing what
 * an earlier version of that pack brought: pairs no longer listed are removed (their findings
 * keep their triage status), new ones added and applied to existing findings, kept ones get the
 * new reason. A pair the case already suppresses itself stays the case's.
 */
export function importPackSuppressions(
  db: Db,
  input: {
    readonly packName: string
    readonly suppressions: readonly PackSuppression[]
    readonly examiner: string
  },
  now = new Date(),
): { added: number; removed: number; kept: number; skipped: number; reasonsChanged: number } {
  const origin = `pack:${input.packName}` as const
  return db.transaction(() => {
    const before = db
      .prepare('SELECT id, rule_key AS ruleKey, sha256 FROM suppressions WHERE origin = ?')
      .all(origin) as { id: number; ruleKey: string; sha256: string }[]
    const wanted = new Map(input.suppressions.map((s) => [`${s.ruleKey} ${s.sha256}`, s]))
    const gone = before.filter((b) => !wanted.has(`${b.ruleKey} ${b.sha256}`)).map((b) => b.id)
    unlinkAndDelete(db, gone)
    const owned = new Set(before.map((b) => `${b.ruleKey} ${b.sha256}`))
    const updateReason = db.prepare(
      `UPDATE suppressions SET reason = @reason WHERE origin = @origin AND rule_key = @ruleKey
         AND sha256 = @sha256 AND reason != @reason`,
    )
    const taken = db.prepare('SELECT 1 FROM suppressions WHERE rule_key = ? AND sha256 = ?')
    const write = suppressionWriter(db)
    let added = 0
    let kept = 0
    let skipped = 0
    let reasonsChanged = 0
    for (const s of input.suppressions) {
      const reason = checkReason(s.reason, false)
      if (owned.has(`${s.ruleKey} ${s.sha256}`)) {
        reasonsChanged += updateReason.run({
          reason,
          origin,
          ruleKey: s.ruleKey,
          sha256: s.sha256,
        }).changes
        kept += 1
      } else if (taken.get(s.ruleKey, s.sha256) !== undefined) {
        skipped += 1
      } else {
        const id = write.insert(s.ruleKey, s.sha256, reason, origin, input.examiner, now)
        write.mark(id, s.ruleKey, s.sha256)
        added += 1
      }
    }
    const totals = { added, removed: gone.length, kept, skipped, reasonsChanged }
    // A scan with the same pack version again changes nothing: no audit entry then.
    if (added + gone.length + reasonsChanged === 0) return totals
    appendAudit(
      db,
      caseUuidOf(db),
      { actor: input.examiner, action: 'suppressions.imported', subject: origin, details: totals },
      now,
    )
    return totals
  })()
}

/**
 * Bring the suppressions of the packs a scan uses into the case (before it reads them), so the
 * case follows the version it scans with. Only signed packs, or packs that ship suppressions:
 * an unsigned folder of rules has no `suppressions.json` to follow.
 */
export function syncPackSuppressions(
  db: Db,
  packs: readonly {
    readonly summary: { readonly name: string; readonly signed: boolean }
    readonly suppressions: readonly PackSuppression[]
  }[],
  examiner: string,
): void {
  for (const pack of packs) {
    if (!pack.summary.signed && pack.suppressions.length === 0) continue
    importPackSuppressions(db, {
      packName: pack.summary.name,
      suppressions: pack.suppressions,
      examiner,
    })
  }
}

/**
 * The case's own suppressions (origin `case`) as the text of a `suppressions.json` for a pack:
 * partners who import the pack stop seeing these known false positives.
 */
export function exportCaseSuppressions(db: Db): { text: string; count: number } {
  const rows = db
    .prepare(`SELECT rule_key AS ruleKey, sha256, reason FROM suppressions WHERE origin = 'case'`)
    .all() as PackSuppression[]
  return { text: serialiseSuppressions(rows), count: rows.length }
}

/**
 * The two writes of a new suppression, prepared once (a pack may bring thousands): insert it,
 * then mark every finding it covers false positive citing it (returns how many).
 */
function suppressionWriter(db: Db) {
  const insert = db.prepare(
    `INSERT INTO suppressions (rule_key, sha256, reason, origin, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const mark = db.prepare(
    `UPDATE findings SET triage_status = 'false-positive', suppression_id = @id
     WHERE id IN (${COVERED_FINDINGS})`,
  )
  return {
    insert: (key: string, sha256: string, reason: string, origin: string, by: string, now: Date) =>
      Number(insert.run(key, sha256, reason, origin, by, now.toISOString()).lastInsertRowid),
    mark: (id: number, key: string, sha256: string) =>
      mark.run({ id, sha256, ruleKey: key }).changes,
  }
}

/** Unlink findings from these suppressions (triage kept), then delete them; returns unlinked. */
function unlinkAndDelete(db: Db, ids: readonly number[]): number {
  if (ids.length === 0) return 0
  const list = JSON.stringify(ids)
  const unlinked = db
    .prepare(
      'UPDATE findings SET suppression_id = NULL WHERE suppression_id IN (SELECT value FROM json_each(?))',
    )
    .run(list).changes
  db.prepare('DELETE FROM suppressions WHERE id IN (SELECT value FROM json_each(?))').run(list)
  return unlinked
}

function toView(r: SuppressionRow): SuppressionView {
  return {
    id: r.id,
    ruleKey: r.rule_key,
    sha256: r.sha256,
    reason: r.reason,
    origin: r.origin,
    createdBy: r.created_by,
    createdAt: r.created_at,
    findings: r.findings,
  }
}
