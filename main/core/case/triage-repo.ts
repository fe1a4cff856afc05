import { AppError } from '../model/errors'
import type { TriageStatus } from '../model/findings'
import { compactRanges } from '../model/id-ranges'
import type { TlpLevel } from '../model/tlp'
import { appendAudit } from './audit-log'
import type { Db } from './open-case-db'

/** What a bulk change on findings reports back. */
export interface BulkChange {
  /** Findings whose value changed (those that already had it are not counted). */
  readonly changed: number
}

/**
 * Set the triage status of findings, with ONE audit entry (`finding.triage`) naming the new
 * status, how many findings came from each old status and their ids as compact ranges.
 *
 * Marking a finding false positive here is the analyst's verdict on that finding only: it is
 * not a suppression (no rule key + SHA-256 pair, nothing hidden in later scans).
 *
 * @throws AppError NOT_FOUND when an id is not a finding of this case (nothing is changed).
 */
export function setFindingsTriage(
  db: Db,
  caseUuid: string,
  input: { readonly findingIds: readonly number[]; status: TriageStatus; actor: string },
  now = new Date(),
): BulkChange {
  const ids = idsJson(input.findingIds)
  return db.transaction(() => {
    const from = currentValues(
      db,
      `SELECT triage_status AS value, count(*) AS n FROM findings
       WHERE id IN (SELECT value FROM json_each(?)) GROUP BY triage_status`,
      ids,
      input.findingIds,
      input.status,
    )
    const changed = db
      .prepare(
        `UPDATE findings SET triage_status = @status
         WHERE id IN (SELECT value FROM json_each(@ids)) AND triage_status != @status
         RETURNING id`,
      )
      .pluck()
      .all({ ids, status: input.status }) as number[]
    if (changed.length > 0) {
      auditBulk(db, caseUuid, input.actor, 'finding.triage', changed, now, {
        status: input.status,
        from,
      })
    }
    return { changed: changed.length }
  })()
}

/**
 * Set the TLP of findings (null: back to the case default), with ONE audit entry
 * (`finding.tlp-set`) naming the level, the counts per old level and the ids as compact ranges.
 *
 * @throws AppError NOT_FOUND when an id is not a finding of this case (nothing is changed).
 */
export function setFindingsTlp(
  db: Db,
  caseUuid: string,
  input: { readonly findingIds: readonly number[]; tlp: TlpLevel | null; actor: string },
  now = new Date(),
): number {
  const ids = idsJson(input.findingIds)
  return db.transaction(() => {
    const from = currentValues(
      db,
      `SELECT coalesce(tlp, 'default') AS value, count(*) AS n FROM findings
       WHERE id IN (SELECT value FROM json_each(?)) GROUP BY tlp`,
      ids,
      input.findingIds,
      input.tlp ?? 'default',
    )
    const changed = db
      .prepare(
        `UPDATE findings SET tlp = @tlp
         WHERE id IN (SELECT value FROM json_each(@ids)) AND tlp IS NOT @tlp RETURNING id`,
      )
      .pluck()
      .all({ ids, tlp: input.tlp }) as number[]
    if (changed.length > 0) {
      auditBulk(db, caseUuid, input.actor, 'finding.tlp-set', changed, now, {
        tlp: input.tlp ?? 'default',
        from,
      })
    }
    return changed.length
  })()
}

/** The ids as a JSON array for `json_each` (one bound parameter whatever the count). */
export function idsJson(findingIds: readonly number[]): string {
  if (findingIds.length === 0) {
    throw new AppError('INVALID_INPUT', 'Select at least one finding.')
  }
  return JSON.stringify(findingIds)
}

/**
 * Refuse the whole change when an id is not a finding: a partial bulk change would leave the
 * analyst unsure what happened. Names up to five missing ids.
 */
export function requireFindings(
  db: Db,
  ids: string,
  findingIds: readonly number[],
  counted?: number,
): void {
  const wanted = new Set(findingIds).size
  const found =
    counted ??
    (db
      .prepare('SELECT count(*) FROM findings WHERE id IN (SELECT value FROM json_each(?))')
      .pluck()
      .get(ids) as number)
  if (found === wanted) return
  const missing = db
    .prepare(
      `SELECT DISTINCT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM findings)
       ORDER BY value LIMIT 5`,
    )
    .pluck()
    .all(ids) as number[]
  const more = wanted - found > missing.length ? ` and ${wanted - found - missing.length} more` : ''
  throw new AppError(
    'NOT_FOUND',
    `There is no finding ${missing.join(', ')}${more} in this case: nothing was changed. Reload the findings and try again.`,
  )
}

/** One audit entry for a bulk change: subject = how many findings, ids as compact ranges. */
export function auditBulk(
  db: Db,
  caseUuid: string,
  actor: string,
  action: string,
  changedIds: readonly number[],
  now: Date,
  details: Readonly<Record<string, unknown>>,
): void {
  appendAudit(
    db,
    caseUuid,
    {
      actor,
      action,
      subject: changedIds.length === 1 ? '1 finding' : `${changedIds.length} findings`,
      details: { ...details, count: changedIds.length, findings: compactRanges(changedIds) },
    },
    now,
  )
}

/**
 * How many of the findings have each value now but `target` (one pass over the ids, which also
 * proves they all exist: refused like {@link requireFindings} otherwise).
 */
function currentValues(
  db: Db,
  sql: string,
  ids: string,
  findingIds: readonly number[],
  target: string,
): Record<string, number> {
  const rows = db.prepare(sql).all(ids) as { value: string; n: number }[]
  requireFindings(
    db,
    ids,
    findingIds,
    rows.reduce((sum, r) => sum + r.n, 0),
  )
  return Object.fromEntries(rows.filter((r) => r.value !== target).map((r) => [r.value, r.n]))
}
