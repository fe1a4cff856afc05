import type { AuditRow } from '../../case/audit-log'
import type { Db } from '../../case/open-case-db'
import type { ExportAudit } from '../export-model'
import type { Redactor } from '../redaction'

/** Audit actions an export, a verification or an import writes: they never change findings. */
export const SHARING_ACTIONS = ['share.exported', 'share.verified', 'share.imported'] as const

/** The audit prefix an export carries, and the time of its last entry. */
export interface AuditPrefix {
  readonly rows: readonly AuditRow[]
  /** `at` of the last entry, or null for an empty chain. */
  readonly lastAt: string | null
}

/**
 * The chain from its first entry to the last one that changed the case.
 *
 * Entries written by sharing itself at the end of the chain are left out, so exporting twice in
 * a row gives the same bundle; everything before the cut is included, exports among it too, so
 * the partner can check every link from the case's genesis hash.
 */
export function auditPrefix(db: Db): AuditPrefix {
  const placeholders = SHARING_ACTIONS.map(() => '?').join(', ')
  const cut = db
    .prepare(`SELECT max(seq) AS seq FROM audit_log WHERE action NOT IN (${placeholders})`)
    .get(...SHARING_ACTIONS) as { seq: number | null }
  if (cut.seq === null) return { rows: [], lastAt: null }
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE seq <= ? ORDER BY seq')
    .all(cut.seq) as AuditRow[]
  return { rows, lastAt: rows.at(-1)?.at ?? null }
}

/** Every actor of the prefix (analyst names, for redaction). */
export function auditActors(prefix: AuditPrefix): string[] {
  return [...new Set(prefix.rows.map((row) => row.actor))]
}

/**
 * The export form of the prefix. Redaction rewrites actor, subject and details; a rewritten
 * entry's hash can then no longer be recomputed (its links still can), which `redacted` says.
 */
export function toExportAudit(prefix: AuditPrefix, redactor: Redactor): ExportAudit {
  let redacted = false
  const entries = prefix.rows.map((row) => {
    const actor = redactor.text(row.actor)
    const subject = redactor.optional(row.subject)
    const details = redactor.text(row.details_json)
    if (actor !== row.actor || subject !== row.subject || details !== row.details_json) {
      redacted = true
    }
    return {
      seq: row.seq,
      at: row.at,
      actor,
      action: row.action,
      subject,
      details,
      prevHash: row.prev_hash,
      hash: row.hash,
    }
  })
  const last = prefix.rows.at(-1)
  return { entries, head: last === undefined ? null : { seq: last.seq, hash: last.hash }, redacted }
}
