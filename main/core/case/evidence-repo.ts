import type { Evidence, EvidenceKind, IntegrityState } from '../model/evidence'
import type { Db } from './open-case-db'

interface EvidenceRow {
  id: number
  uuid: string
  label: string
  kind: EvidenceKind
  source_path: string
  size_bytes: number | null
  file_count: number | null
  md5: string | null
  sha1: string | null
  sha256: string | null
  manifest_sha256: string | null
  added_at: string
  added_by: string
  container_format: string | null
  container_files: string | null
  container_details: string | null
  stored_md5: string | null
  stored_sha1: string | null
  integrity: IntegrityState
  integrity_detail: string | null
  hashed_at: string | null
}

/** A new evidence row. */
export interface NewEvidence {
  readonly uuid: string
  readonly label: string
  readonly kind: EvidenceKind
  readonly sourcePath: string
  readonly sizeBytes: number | null
  readonly addedBy: string
  /** Images only. */
  readonly container?: {
    readonly format: string
    readonly files: readonly string[]
    readonly details: Readonly<Record<string, string | number | boolean>>
    readonly storedMd5: string | null
    readonly storedSha1: string | null
  }
}

/** Insert an evidence row; returns it. */
export function insertEvidence(db: Db, input: NewEvidence, now = new Date()): Evidence {
  const container = input.container
  const result = db
    .prepare(
      `INSERT INTO evidence (uuid, label, kind, source_path, size_bytes, added_at, added_by,
         container_format, container_files, container_details, stored_md5, stored_sha1, integrity)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.uuid,
      input.label,
      input.kind,
      input.sourcePath,
      input.sizeBytes,
      now.toISOString(),
      input.addedBy,
      container?.format ?? null,
      container ? JSON.stringify(container.files) : null,
      container ? JSON.stringify(container.details) : null,
      container?.storedMd5 ?? null,
      container?.storedSha1 ?? null,
      container ? 'pending' : 'not-applicable',
    )
  return getEvidence(db, Number(result.lastInsertRowid)) as Evidence
}

/** One evidence item, or undefined. */
export function getEvidence(db: Db, id: number): Evidence | undefined {
  const row = db.prepare('SELECT * FROM evidence WHERE id = ?').get(id) as EvidenceRow | undefined
  return row && toEvidence(row)
}

/** The evidence item added from `sourcePath`, if any. */
export function findEvidenceByPath(db: Db, sourcePath: string): Evidence | undefined {
  const row = db.prepare('SELECT * FROM evidence WHERE source_path = ?').get(sourcePath) as
    EvidenceRow | undefined
  return row && toEvidence(row)
}

/** Every evidence item, in the order added. */
export function listEvidence(db: Db): Evidence[] {
  return (db.prepare('SELECT * FROM evidence ORDER BY id').all() as EvidenceRow[]).map(toEvidence)
}

/** The container facts recorded for an image, parsed. */
export function containerDetails(db: Db, id: number): Record<string, string | number | boolean> {
  const row = db.prepare('SELECT container_details FROM evidence WHERE id = ?').get(id) as
    { container_details: string | null } | undefined
  return row?.container_details
    ? (JSON.parse(row.container_details) as Record<string, string | number | boolean>)
    : {}
}

/** What a complete scan learned about an evidence item as a whole. */
export interface EvidenceTotals {
  readonly sizeBytes: number
  readonly fileCount: number
  readonly manifestSha256: string | null
  readonly md5?: string | null
  readonly sha1?: string | null
  readonly sha256?: string | null
}

/**
 * Record totals and fingerprints (a file's hashes, a folder's manifest hash); the first
 * fingerprint also stamps `hashed_at` (when the reference was taken).
 */
export function updateEvidenceTotals(
  db: Db,
  id: number,
  totals: EvidenceTotals,
  now = new Date(),
): void {
  const fingerprint = totals.manifestSha256 ?? totals.sha256 ?? null
  db.prepare(
    `UPDATE evidence SET size_bytes = coalesce(size_bytes, ?), file_count = ?,
       manifest_sha256 = coalesce(?, manifest_sha256),
       md5 = coalesce(?, md5), sha1 = coalesce(?, sha1), sha256 = coalesce(?, sha256),
       hashed_at = CASE WHEN hashed_at IS NULL AND ? IS NOT NULL THEN ? ELSE hashed_at END
     WHERE id = ?`,
  ).run(
    totals.sizeBytes,
    totals.fileCount,
    totals.manifestSha256,
    totals.md5 ?? null,
    totals.sha1 ?? null,
    totals.sha256 ?? null,
    fingerprint,
    now.toISOString(),
    id,
  )
}

/** The outcome of hashing an image in full. */
export interface IntegrityUpdate {
  readonly state: IntegrityState
  readonly detail: string | null
  readonly hashes?: { readonly md5: string; readonly sha1: string; readonly sha256: string }
}

/** Record an image's integrity state (and its computed hashes, when there are some). */
export function updateIntegrity(
  db: Db,
  id: number,
  update: IntegrityUpdate,
  now = new Date(),
): void {
  db.prepare(
    `UPDATE evidence SET integrity = ?, integrity_detail = ?,
       md5 = coalesce(?, md5), sha1 = coalesce(?, sha1), sha256 = coalesce(?, sha256),
       hashed_at = CASE WHEN ? IS NULL THEN hashed_at ELSE ? END
     WHERE id = ?`,
  ).run(
    update.state,
    update.detail,
    update.hashes?.md5 ?? null,
    update.hashes?.sha1 ?? null,
    update.hashes?.sha256 ?? null,
    update.hashes?.sha256 ?? null,
    now.toISOString(),
    id,
  )
}

function toEvidence(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    uuid: row.uuid,
    label: row.label,
    kind: row.kind,
    sourcePath: row.source_path,
    sizeBytes: row.size_bytes,
    fileCount: row.file_count,
    md5: row.md5,
    sha1: row.sha1,
    sha256: row.sha256,
    manifestSha256: row.manifest_sha256,
    addedAt: row.added_at,
    addedBy: row.added_by,
    containerFormat: row.container_format,
    containerFiles: row.container_files ? (JSON.parse(row.container_files) as string[]) : [],
    storedMd5: row.stored_md5,
    storedSha1: row.stored_sha1,
    integrity: row.integrity,
    integrityDetail: row.integrity_detail,
    hashedAt: row.hashed_at,
  }
}

/**
 * Images whose listing or hashing was under way when the process running it stopped are marked
 * `cancelled` on the next open, so nobody mistakes them for work still going on.
 */
export function markInterruptedIntegrity(db: Db): number[] {
  const rows = db
    .prepare(`SELECT id FROM evidence WHERE integrity IN ('pending', 'hashing')`)
    .all() as { id: number }[]
  const mark = db.prepare(
    `UPDATE evidence SET integrity = 'cancelled',
       integrity_detail = 'interrupted: Outpost stopped before hashing finished; hash it again' WHERE id = ?`,
  )
  for (const row of rows) mark.run(row.id)
  return rows.map((r) => r.id)
}

/** Record how many files an image's listing found. */
export function updateFileCount(db: Db, id: number, fileCount: number): void {
  db.prepare('UPDATE evidence SET file_count = ? WHERE id = ?').run(fileCount, id)
}
