import type { Evidence, EvidenceKind } from '../model/evidence'
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
}

/** A new evidence row. */
export interface NewEvidence {
  readonly uuid: string
  readonly label: string
  readonly kind: EvidenceKind
  readonly sourcePath: string
  readonly sizeBytes: number | null
  readonly addedBy: string
}

/** Insert an evidence row; returns it. */
export function insertEvidence(db: Db, input: NewEvidence, now = new Date()): Evidence {
  const result = db
    .prepare(
      `INSERT INTO evidence (uuid, label, kind, source_path, size_bytes, added_at, added_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.uuid,
      input.label,
      input.kind,
      input.sourcePath,
      input.sizeBytes,
      now.toISOString(),
      input.addedBy,
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

/** What a complete scan learned about an evidence item as a whole. */
export interface EvidenceTotals {
  readonly sizeBytes: number
  readonly fileCount: number
  readonly manifestSha256: string | null
  readonly md5?: string | null
  readonly sha1?: string | null
  readonly sha256?: string | null
}

/** Record totals and fingerprints (a file's hashes, a folder's manifest hash). */
export function updateEvidenceTotals(db: Db, id: number, totals: EvidenceTotals): void {
  db.prepare(
    `UPDATE evidence SET size_bytes = ?, file_count = ?,
       manifest_sha256 = coalesce(?, manifest_sha256),
       md5 = coalesce(?, md5), sha1 = coalesce(?, sha1), sha256 = coalesce(?, sha256)
     WHERE id = ?`,
  ).run(
    totals.sizeBytes,
    totals.fileCount,
    totals.manifestSha256,
    totals.md5 ?? null,
    totals.sha1 ?? null,
    totals.sha256 ?? null,
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
  }
}
