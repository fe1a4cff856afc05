import type { FileFacts } from '../../case/files-repo'
import type { Db } from '../../case/open-case-db'

/** Where reused results come from: a file's row in an earlier scan with the same profile. */
export interface ReuseSource {
  readonly scanId: number
  readonly fileId: number
  readonly contentKey: string | null
}

interface StoredFile {
  id: number
  size_bytes: number
  modified_at: string | null
  changed_at: string | null
  inode: string | null
  runs_json: string | null
  sha256: string | null
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
 * were skipped as known-good are never a source.
 */
export class ReuseLookup {
  private readonly file
  private readonly source

  constructor(
    db: Db,
    private readonly scanId: number,
    private readonly profileKey: string,
  ) {
    this.file = db.prepare(
      `SELECT id, size_bytes, modified_at, changed_at, inode, runs_json, sha256 FROM files
       WHERE evidence_id = ? AND entry_key = ?`,
    )
    this.source = db.prepare(
      `SELECT sf.scan_id AS scanId, sf.content_key AS contentKey FROM scan_files sf
         JOIN scans s ON s.id = sf.scan_id
       WHERE sf.file_id = ? AND sf.scan_id <> ? AND sf.scanned = 1 AND sf.how <> 'known-good'
         AND s.profile_key = ?
       ORDER BY sf.scan_id DESC LIMIT 1`,
    )
  }

  /** An earlier scan of this very entry, unchanged since; null when it must be read. */
  unchanged(facts: FileFacts): ReuseSource | null {
    if (facts.kind !== 'file') return null
    const row = this.file.get(facts.evidenceId, facts.entryKey) as StoredFile | undefined
    if (row === undefined || row.sha256 === null || row.size_bytes !== facts.sizeBytes) return null
    if (!sameIdentity(row, facts)) return null
    const found = this.source.get(row.id, this.scanId, this.profileKey) as
      { scanId: number; contentKey: string | null } | undefined
    return found === undefined ? null : { ...found, fileId: row.id }
  }
}

function sameIdentity(row: StoredFile, facts: FileFacts): boolean {
  if (facts.image !== undefined) return row.runs_json === JSON.stringify(facts.image.runs)
  return (
    row.inode === facts.inode &&
    row.modified_at === facts.times.modified &&
    row.changed_at === facts.times.changed
  )
}
