import type { Db } from '../case/open-case-db'
import type { EvidenceTotals } from '../case/evidence-repo'
import { sha256Hex } from '../crypto/digest'
import type { Evidence } from '../model/evidence'

/**
 * Totals and fingerprint of an evidence item after a complete scan.
 *
 * A folder's fingerprint is the SHA-256 of `sha256sum`-style lines (`<sha256>  <size>  <path>`)
 * of its regular files in path order: two examiners who hash the same folder get the same value,
 * and a changed, added or removed file changes it. A single file's fingerprint is its own hashes.
 */
export function evidenceTotals(db: Db, evidence: Evidence): EvidenceTotals {
  const rows = db
    .prepare(
      `SELECT path, size_bytes, sha256, md5, sha1 FROM files
       WHERE evidence_id = ? AND kind = 'file' ORDER BY path`,
    )
    .all(evidence.id) as {
    path: string
    size_bytes: number
    sha256: string | null
    md5: string | null
    sha1: string | null
  }[]
  const sizeBytes = rows.reduce((n, r) => n + r.size_bytes, 0)
  if (evidence.kind === 'image') {
    // An image's size and hashes are those of its media (set when it was added and hashed).
    const live = db
      .prepare(
        `SELECT count(*) AS n FROM files WHERE evidence_id = ? AND kind = 'file' AND deleted = 0`,
      )
      .get(evidence.id) as { n: number }
    return { sizeBytes: evidence.sizeBytes ?? 0, fileCount: live.n, manifestSha256: null }
  }
  if (evidence.kind === 'file') {
    const only = rows[0]
    return {
      sizeBytes,
      fileCount: rows.length,
      manifestSha256: null,
      md5: only?.md5 ?? null,
      sha1: only?.sha1 ?? null,
      sha256: only?.sha256 ?? null,
    }
  }
  const lines = rows.map((r) => `${r.sha256 ?? '-'}  ${r.size_bytes}  ${r.path}\n`).join('')
  return { sizeBytes, fileCount: rows.length, manifestSha256: sha256Hex(lines) }
}
