import { appendAudit } from '../case/audit-log'
import type { Db } from '../case/open-case-db'
import { AppError } from '../model/errors'
import type { HashSetFormat, HashSetPurpose } from './hash-set-types'

/** A hash set as listed for the analyst. */
export interface HashSetInfo {
  readonly id: number
  readonly name: string
  readonly purpose: HashSetPurpose
  readonly format: HashSetFormat
  readonly sourceName: string
  readonly sourceSha256: string
  readonly entryCount: number
  readonly importedAt: string
  readonly importedBy: string
  readonly enabled: boolean
  /** The pseudo rule its findings point to (known-bad sets only). */
  readonly rulePk: number | null
}

interface HashSetRow {
  id: number
  name: string
  purpose: HashSetPurpose
  format: HashSetFormat
  source_name: string
  source_sha256: string
  entry_count: number
  imported_at: string
  imported_by: string
  enabled: number
  rule_pk: number | null
}

/**
 * `entry_count` of a set whose import has not finished. Entries are written in many small
 * transactions (bounded memory and WAL), so a crash can leave such a set behind: it stays
 * disabled, is hidden from lists, and is removed when the same source is imported again.
 */
export const PENDING_ENTRY_COUNT = -1

/** Every completely imported hash set, oldest first. */
export function listHashSets(db: Db): HashSetInfo[] {
  const rows = db
    .prepare('SELECT * FROM hash_sets WHERE entry_count <> ? ORDER BY id')
    .all(PENDING_ENTRY_COUNT) as HashSetRow[]
  return rows.map(toInfo)
}

/** One completely imported set, or undefined. */
export function getHashSet(db: Db, id: number): HashSetInfo | undefined {
  const row = db
    .prepare('SELECT * FROM hash_sets WHERE id = ? AND entry_count <> ?')
    .get(id, PENDING_ENTRY_COUNT) as HashSetRow | undefined
  return row === undefined ? undefined : toInfo(row)
}

/**
 * Turn a set on or off for later scans (a scan reads the enabled sets when it starts); audited.
 *
 * @throws AppError `NOT_FOUND` when there is no such (completely imported) set.
 */
export function setHashSetEnabled(
  db: Db,
  caseUuid: string,
  id: number,
  enabled: boolean,
  examiner: string,
): HashSetInfo {
  return db
    .transaction(() => {
      const set = getHashSet(db, id)
      if (set === undefined)
        throw new AppError('NOT_FOUND', `There is no hash set ${id} in this case.`)
      if (set.enabled === enabled) return set
      db.prepare('UPDATE hash_sets SET enabled = ? WHERE id = ?').run(enabled ? 1 : 0, id)
      appendAudit(db, caseUuid, {
        actor: examiner,
        action: enabled ? 'hashset.enabled' : 'hashset.disabled',
        subject: String(id),
        details: { name: set.name, purpose: set.purpose, sourceSha256: set.sourceSha256 },
      })
      return { ...set, enabled }
    })
    .immediate()
}

/** The finished set already imported from this source for this purpose, if any. */
export function findImportedSet(
  db: Db,
  sourceSha256: string,
  purpose: HashSetPurpose,
): HashSetInfo | undefined {
  const row = db
    .prepare('SELECT * FROM hash_sets WHERE source_sha256 = ? AND purpose = ?')
    .get(sourceSha256, purpose) as HashSetRow | undefined
  return row === undefined ? undefined : toInfo(row)
}

/**
 * Remove a set and its entries (an import that failed or was cut off).
 *
 * The entries' key starts with the digest, so this walks the whole entry table: fine for the
 * rare clean-up it is for, not for routine deletes.
 */
export function deleteHashSetRows(db: Db, id: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM hash_set_entries WHERE set_id = ?').run(id)
    db.prepare('DELETE FROM hash_sets WHERE id = ?').run(id)
  }).immediate()
}

function toInfo(row: HashSetRow): HashSetInfo {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    format: row.format,
    sourceName: row.source_name,
    sourceSha256: row.source_sha256,
    entryCount: row.entry_count,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    enabled: row.enabled === 1,
    rulePk: row.rule_pk,
  }
}
