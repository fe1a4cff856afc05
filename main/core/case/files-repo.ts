import type { FileTimes } from '../model/findings'
import type { FileScanResult } from '../scan/child/protocol'
import type { Db } from './open-case-db'

/** What the walker knew about a file before it was read. */
export interface FileFacts {
  readonly evidenceId: number
  /** Unique within the evidence: the relative path for a folder, `<fs id>:<entry id>` in an image. */
  readonly entryKey: string
  readonly path: string
  readonly name: string
  readonly kind: 'file' | 'directory' | 'symlink' | 'special' | 'unallocated'
  readonly linkTarget: string | null
  readonly sizeBytes: number
  readonly inode: string | null
  readonly mode: number | null
  readonly owner: string | null
  readonly times: FileTimes
  /** Images: where the entry lives and what state it is in. */
  readonly image?: {
    readonly volumeId: number | null
    readonly filesystemId: number | null
    readonly deleted: boolean
    readonly recoverable: boolean
    /** Offset of the first byte in the image (null when the content starts with a hole). */
    readonly imageOffset: number | null
    /** Data runs in image offsets, `[offset | null, length][]`. */
    readonly runs: readonly (readonly [number | null, number])[]
    readonly timeNote: string | null
    readonly flags: readonly string[]
    /** ext: the owning group (`gid 100`, or its name from the image's /etc/group). */
    readonly group?: string | null
    /** NTFS: the alternate data stream this row stands for (its path ends in `:stream`). */
    readonly stream?: string | null
    /** NTFS: the $FILE_NAME times, beside the $STANDARD_INFORMATION ones in `times`. */
    readonly fileNameTimes?: FileTimes | null
    /** NTFS EFS: the content is encrypted (listed, not decrypted, not scanned). */
    readonly encrypted?: boolean
  }
}

/**
 * The parent of a stored path: `/docs/a.txt` → `/docs`, `/a.txt` → `/`, `docs/a.txt` → `docs`,
 * `a.txt` → '' (folder evidence paths are relative).
 */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/')
  if (slash < 0) return ''
  return slash === 0 ? '/' : path.slice(0, slash)
}

/** A file row's id and the digests it now holds (from this scan or an earlier one). */
export interface StoredDigests {
  readonly id: number
  readonly md5: string | null
  readonly sha1: string | null
  readonly sha256: string | null
}

/**
 * A prepared "insert or update this file" for one connection: what a scan learns (hashes, type)
 * is added to what was known; what it did not learn keeps its earlier value. Returns the row id.
 */
export function fileUpserter(
  db: Db,
): (facts: FileFacts, result: FileScanResult | null) => StoredDigests {
  const statement = db.prepare(
    `INSERT INTO files (evidence_id, entry_key, filesystem_id, volume_id, deleted, recoverable,
       image_offset, runs_json, time_note, flags, owner_group, stream, fn_modified_at,
       fn_accessed_at, fn_changed_at, fn_born_at, encrypted, path, parent_path, name, kind, link_target,
       size_bytes, inode, mode, owner, modified_at, accessed_at, changed_at, born_at, md5, sha1,
       sha256, mime, file_type, entropy)
     VALUES (@evidence_id, @entry_key, @filesystem_id, @volume_id, @deleted, @recoverable,
       @image_offset, @runs_json, @time_note, @flags, @owner_group, @stream, @fn_modified_at,
       @fn_accessed_at, @fn_changed_at, @fn_born_at, @encrypted, @path, @parent_path, @name, @kind, @link_target,
       @size_bytes, @inode, @mode, @owner, @modified_at, @accessed_at, @changed_at, @born_at, @md5,
       @sha1, @sha256, @mime, @file_type, @entropy)
     ON CONFLICT (evidence_id, entry_key) DO UPDATE SET
       kind = excluded.kind, link_target = excluded.link_target, size_bytes = excluded.size_bytes,
       inode = excluded.inode, mode = excluded.mode, owner = excluded.owner,
       modified_at = excluded.modified_at, accessed_at = excluded.accessed_at,
       changed_at = excluded.changed_at, born_at = excluded.born_at,
       deleted = excluded.deleted, recoverable = excluded.recoverable,
       image_offset = excluded.image_offset, runs_json = excluded.runs_json,
       owner_group = excluded.owner_group, stream = excluded.stream,
       fn_modified_at = excluded.fn_modified_at, fn_accessed_at = excluded.fn_accessed_at,
       fn_changed_at = excluded.fn_changed_at, fn_born_at = excluded.fn_born_at,
       encrypted = excluded.encrypted,
       md5 = coalesce(excluded.md5, files.md5), sha1 = coalesce(excluded.sha1, files.sha1),
       sha256 = coalesce(excluded.sha256, files.sha256), mime = coalesce(excluded.mime, files.mime),
       file_type = coalesce(excluded.file_type, files.file_type), entropy = coalesce(excluded.entropy, files.entropy)
     RETURNING id, md5, sha1, sha256`,
  )
  return (facts, result) => {
    const image = facts.image
    const row = statement.get({
      evidence_id: facts.evidenceId,
      entry_key: facts.entryKey,
      filesystem_id: image?.filesystemId ?? null,
      volume_id: image?.volumeId ?? null,
      deleted: image?.deleted === true ? 1 : 0,
      recoverable: image?.recoverable === false ? 0 : 1,
      image_offset: image?.imageOffset ?? null,
      runs_json: image ? JSON.stringify(image.runs) : null,
      time_note: image?.timeNote ?? null,
      flags: image && image.flags.length > 0 ? image.flags.join(',') : null,
      owner_group: image?.group ?? null,
      stream: image?.stream ?? null,
      fn_modified_at: image?.fileNameTimes?.modified ?? null,
      fn_accessed_at: image?.fileNameTimes?.accessed ?? null,
      fn_changed_at: image?.fileNameTimes?.changed ?? null,
      fn_born_at: image?.fileNameTimes?.born ?? null,
      encrypted: image?.encrypted === true ? 1 : 0,
      path: facts.path,
      parent_path: parentPath(facts.path),
      name: facts.name,
      kind: facts.kind,
      link_target: facts.linkTarget,
      size_bytes: result?.sizeBytes ?? facts.sizeBytes,
      inode: facts.inode,
      mode: facts.mode,
      owner: facts.owner,
      modified_at: facts.times.modified,
      accessed_at: facts.times.accessed,
      changed_at: facts.times.changed,
      born_at: facts.times.born,
      md5: result?.md5 ?? null,
      sha1: result?.sha1 ?? null,
      sha256: result?.sha256 ?? null,
      mime: result?.mime ?? null,
      file_type: result ? result.fileType : null,
      entropy: result?.entropy ?? null,
    }) as StoredDigests
    return row
  }
}
