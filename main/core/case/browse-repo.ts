import type { BrowseEntry } from '../model/evidence'
import { entryMetadata } from './entry-metadata-row'
import type { EntryMetadataColumns } from './entry-metadata-row'
import type { Db } from './open-case-db'

/** A page of the evidence browser. */
export interface BrowseQuery {
  readonly evidenceId: number
  /** The file system (images); null for folder evidence and for space outside file systems. */
  readonly fileSystemId: number | null
  /** The folder to list: `/` or `/docs` in a file system, '' or `docs` in a folder. */
  readonly parent: string
  readonly offset: number
  readonly limit: number
}

interface Row extends EntryMetadataColumns {
  id: number
  name: string
  path: string
  kind: BrowseEntry['kind']
  size_bytes: number
  inode: string | null
  deleted: number
  recoverable: number
  modified_at: string | null
  accessed_at: string | null
  changed_at: string | null
  born_at: string | null
  time_note: string | null
  sha256: string | null
  findings: number
}

/** The entries directly inside one folder: folders first, then by name, deleted ones included. */
export function listFolder(db: Db, query: BrowseQuery): { total: number; rows: BrowseEntry[] } {
  const where =
    'evidence_id = @evidenceId AND filesystem_id IS @fileSystemId AND parent_path = @parent'
  const params = { ...query }
  const total = (
    db.prepare(`SELECT count(*) AS n FROM files WHERE ${where}`).get(params) as { n: number }
  ).n
  const rows = db
    .prepare(
      `SELECT f.*, (SELECT count(*) FROM findings x WHERE x.file_id = f.id) AS findings
       FROM files f WHERE ${where.replaceAll(/\b(evidence_id|filesystem_id|parent_path)\b/g, 'f.$1')}
       ORDER BY f.kind <> 'directory', f.name COLLATE NOCASE, f.id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as Row[]
  return { total, rows: rows.map(toEntry) }
}

function toEntry(row: Row): BrowseEntry {
  return {
    fileId: row.id,
    name: row.name,
    path: row.path,
    kind: row.kind,
    sizeBytes: row.size_bytes,
    inode: row.inode,
    deleted: row.deleted === 1,
    recoverable: row.recoverable === 1,
    modified: row.modified_at,
    accessed: row.accessed_at,
    changed: row.changed_at,
    born: row.born_at,
    timeNote: row.time_note,
    sha256: row.sha256,
    findings: row.findings,
    metadata: entryMetadata(row),
  }
}
