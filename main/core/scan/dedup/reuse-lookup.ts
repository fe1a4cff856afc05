import type { FileFacts, StoredDigests } from '../../case/files-repo'
import type { Db } from '../../case/open-case-db'

/** Where reused results come from: a file's row in an earlier scan with the same profile. */
export interface ReuseSource {
  readonly scanId: number
  readonly fileId: number
  readonly contentKey: string | null
  /** The file row already says everything the walk saw: it need not be written again. */
  readonly stored: StoredDigests | null
  /** The source has findings or coverage notes to link (most files have neither). */
  readonly hasResults: boolean
}

interface Row {
  id: number
  size_bytes: number
  modified_at: string | null
  changed_at: string | null
  accessed_at: string | null
  born_at: string | null
  inode: string | null
  mode: number | null
  owner: string | null
  runs_json: string | null
  md5: string | null
  sha1: string | null
  sha256: string | null
  scanId: number
  contentKey: string | null
  hasResults: number
}

/**
 * Finds, for an entry about to be scanned, an earlier scan of the **same entry with unchanged
 * metadata** under the same scan profile, so its results can be linked without reading the
 * content again.
 *
 * Unchanged means: for a host file, the same size, inode, and modification and change times to
 * the nanosecond (the change time cannot be set back by a user program, which is why `rsync` and
 * `git` trust the same test); for an entry of a disk image, the same size and data runs (an image
 * is read-only evidence: the same runs are the same bytes). Files that timed out, crashed or
 * were skipped as known-good are never a source. One indexed query per entry.
 */
export class ReuseLookup {
  private readonly query
  private readonly scannedBefore
  /** Evidence with no earlier scan under this profile: no lookups at all (a first scan). */
  private readonly fresh = new Map<number, boolean>()

  constructor(
    db: Db,
    private readonly scanId: number,
    private readonly profileKey: string,
  ) {
    this.query = db.prepare(
      `SELECT f.id, f.size_bytes, f.modified_at, f.changed_at, f.accessed_at, f.born_at, f.inode,
         f.mode, f.owner, f.runs_json, f.md5, f.sha1, f.sha256,
         sf.scan_id AS scanId, sf.content_key AS contentKey,
         (EXISTS (SELECT 1 FROM findings x WHERE x.file_id = f.id AND x.scan_id = sf.scan_id)
          OR EXISTS (SELECT 1 FROM coverage c WHERE c.file_id = f.id AND c.scan_id = sf.scan_id))
           AS hasResults
       FROM files f
         JOIN scan_files sf ON sf.file_id = f.id
         JOIN scans s ON s.id = sf.scan_id
       WHERE f.evidence_id = ? AND f.entry_key = ? AND sf.scan_id <> ? AND sf.scanned = 1
         AND sf.how <> 'known-good' AND s.profile_key = ?
       ORDER BY sf.scan_id DESC LIMIT 1`,
    )
    this.scannedBefore = db.prepare(
      `SELECT 1 FROM scans s JOIN scan_evidence se ON se.scan_id = s.id
       WHERE se.evidence_id = ? AND s.profile_key = ? AND s.id <> ? LIMIT 1`,
    )
  }

  /** An earlier scan of this very entry, unchanged since; null when it must be read. */
  unchanged(facts: FileFacts): ReuseSource | null {
    if (facts.kind !== 'file' || this.isFresh(facts.evidenceId)) return null
    const row = this.query.get(facts.evidenceId, facts.entryKey, this.scanId, this.profileKey) as
      Row | undefined
    if (row === undefined || row.sha256 === null || row.size_bytes !== facts.sizeBytes) return null
    if (!sameContent(row, facts)) return null
    return {
      scanId: row.scanId,
      fileId: row.id,
      contentKey: row.contentKey,
      stored: sameRecord(row, facts)
        ? { id: row.id, md5: row.md5, sha1: row.sha1, sha256: row.sha256 }
        : null,
      hasResults: row.hasResults === 1,
    }
  }

  /** Whether no other scan under this profile covered the evidence (asked once per item). */
  private isFresh(evidenceId: number): boolean {
    let fresh = this.fresh.get(evidenceId)
    if (fresh === undefined) {
      fresh = this.scannedBefore.get(evidenceId, this.profileKey, this.scanId) === undefined
      this.fresh.set(evidenceId, fresh)
    }
    return fresh
  }
}

function sameContent(row: Row, facts: FileFacts): boolean {
  if (facts.image !== undefined) return row.runs_json === JSON.stringify(facts.image.runs)
  return (
    row.inode === facts.inode &&
    row.modified_at === facts.times.modified &&
    row.changed_at === facts.times.changed
  )
}

/** Whether the stored row already holds what the walk saw (an image entry's always does). */
function sameRecord(row: Row, facts: FileFacts): boolean {
  if (facts.image !== undefined) return true
  return (
    row.accessed_at === facts.times.accessed &&
    row.born_at === facts.times.born &&
    row.mode === facts.mode &&
    row.owner === facts.owner
  )
}
