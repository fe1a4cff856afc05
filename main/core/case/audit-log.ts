import type { Db } from './open-case-db'
import type {
  AuditEntry,
  AuditHead,
  AuditListEntry,
  AuditPage,
  AuditVerification,
} from '../model/audit'
import { canonicalJson } from '../crypto/canonical-json'
import { sha256Hex } from '../crypto/digest'

/** What a caller records; `seq`, time and hashes are added by {@link appendAudit}. */
export interface AuditRecord {
  readonly actor: string
  readonly action: string
  readonly subject?: string | null
  readonly details?: unknown
}

/** An audit entry as stored. */
export interface AuditRow {
  seq: number
  at: string
  actor: string
  action: string
  subject: string | null
  details_json: string
  prev_hash: string
  hash: string
}

/**
 * The `prev_hash` of entry 1: binds the chain to its case, so entries cannot be replayed from one
 * case into another.
 */
export function genesisHash(caseUuid: string): string {
  return sha256Hex(`outpost-audit/1:${caseUuid}`)
}

/** The hash of one entry: SHA-256 over the canonical JSON of every field but the hash itself. */
export function entryHash(entry: Omit<AuditRow, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      details: entry.details_json,
      prev: entry.prev_hash,
    }),
  )
}

/**
 * Append one entry to the audit chain.
 *
 * Runs inside the caller's transaction when there is one (so an action and its audit entry
 * commit together), otherwise in its own immediate transaction.
 */
export function appendAudit(
  db: Db,
  caseUuid: string,
  record: AuditRecord,
  now = new Date(),
): AuditHead {
  const append = (): AuditHead => {
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined
    const row: Omit<AuditRow, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      at: now.toISOString(),
      actor: record.actor,
      action: record.action,
      subject: record.subject ?? null,
      details_json: canonicalJson(record.details ?? null),
      prev_hash: last?.hash ?? genesisHash(caseUuid),
    }
    const hash = entryHash(row)
    db.prepare(
      `INSERT INTO audit_log (seq, at, actor, action, subject, details_json, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @subject, @details_json, @prev_hash, @hash)`,
    ).run({ ...row, hash })
    return { seq: row.seq, hash }
  }
  return db.inTransaction ? append() : db.transaction(append).immediate()
}

/** The current head of the chain, or null when it is empty. */
export function auditHead(db: Db): AuditHead | null {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    AuditHead | undefined
  return last ?? null
}

/**
 * Walk the whole chain and name the first entry that does not verify.
 *
 * The chain alone cannot see a deleted tail; pass the head anchored elsewhere (an export
 * manifest, a signed checkpoint) as `expectedHead` to catch that too.
 */
export function verifyAudit(db: Db, caseUuid: string, expectedHead?: AuditHead): AuditVerification {
  let prev = genesisHash(caseUuid)
  let expectedSeq = 1
  let head: AuditHead | null = null
  let anchorHash: string | null = null
  const rows = db
    .prepare('SELECT * FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<AuditRow>
  for (const row of rows) {
    const broken = checkEntry(row, expectedSeq, prev)
    if (broken !== null) {
      return {
        ok: false,
        entries: expectedSeq - 1,
        head,
        firstBroken: { seq: row.seq, reason: broken },
      }
    }
    head = { seq: row.seq, hash: row.hash }
    if (row.seq === expectedHead?.seq) anchorHash = row.hash
    prev = row.hash
    expectedSeq += 1
  }
  const entries = expectedSeq - 1
  if (expectedHead !== undefined) {
    const tail = checkAnchor(head, expectedHead, anchorHash)
    if (tail !== null) return { ok: false, entries, head, firstBroken: tail }
  }
  return { ok: true, entries, head, firstBroken: null }
}

function checkEntry(row: AuditRow, expectedSeq: number, prev: string): string | null {
  if (row.seq !== expectedSeq) return `entry ${expectedSeq} is missing (found ${row.seq} next)`
  if (row.prev_hash !== prev) return 'its link to the previous entry does not match'
  if (entryHash(row) !== row.hash) return 'its content does not match its hash'
  return null
}

function checkAnchor(
  head: AuditHead | null,
  anchor: AuditHead,
  hashAtAnchor: string | null,
): { seq: number; reason: string } | null {
  const last = head?.seq ?? 0
  if (last < anchor.seq) {
    return {
      seq: last + 1,
      reason: `entries ${last + 1}–${anchor.seq} are missing (the anchored head is ${anchor.seq})`,
    }
  }
  if (hashAtAnchor !== anchor.hash) {
    return { seq: anchor.seq, reason: 'this entry differs from the anchored head' }
  }
  return null
}

/** Entries for the audit view, newest first. */
export function listAudit(db: Db, limit: number, beforeSeq?: number): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
    .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[]
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    details: JSON.parse(r.details_json) as unknown,
    hash: r.hash,
  }))
}

/** What {@link pageAudit} filters on: exact action and actor, each optional. */
export interface AuditQuery {
  readonly offset: number
  readonly limit: number
  readonly action?: string | undefined
  readonly actor?: string | undefined
}

/** One page of the audit view, newest first, with the count of entries the filters match. */
export function pageAudit(db: Db, query: AuditQuery): AuditPage {
  const where: string[] = []
  const params: string[] = []
  if (query.action !== undefined) {
    where.push('action = ?')
    params.push(query.action)
  }
  if (query.actor !== undefined) {
    where.push('actor = ?')
    params.push(query.actor)
  }
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`
  const { n } = db.prepare(`SELECT count(*) AS n FROM audit_log ${clause}`).get(...params) as {
    n: number
  }
  const rows = db
    .prepare(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...params, query.limit, query.offset) as AuditRow[]
  return { total: n, entries: rows.map(toListEntry) }
}

function toListEntry(row: AuditRow): AuditListEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: detailsObject(row.details_json),
    hash: row.hash,
    prevHash: row.prev_hash,
  }
}

// A broken (tampered) entry may hold anything: it is shown, never thrown on.
function detailsObject(json: string): Readonly<Record<string, unknown>> {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return { unparsed: json }
  }
  if (value === null) return {}
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  return { value }
}
