import type { EntryMetadata } from '../model/evidence'

/** The `files` columns {@link entryMetadata} reads. */
export interface EntryMetadataColumns {
  readonly owner: string | null
  readonly owner_group: string | null
  readonly mode: number | null
  readonly link_target: string | null
  readonly stream: string | null
  readonly fn_modified_at: string | null
  readonly fn_accessed_at: string | null
  readonly fn_changed_at: string | null
  readonly fn_born_at: string | null
  readonly encrypted: number
  readonly flags: string | null
}

/** A file row's file-system metadata, as the browser and the finding detail show it. */
export function entryMetadata(row: EntryMetadataColumns): EntryMetadata {
  const nameTimes = [row.fn_modified_at, row.fn_accessed_at, row.fn_changed_at, row.fn_born_at]
  return {
    owner: row.owner,
    group: row.owner_group,
    mode: row.mode,
    linkTarget: row.link_target,
    stream: row.stream,
    fileNameTimes: nameTimes.every((t) => t === null)
      ? null
      : {
          modified: row.fn_modified_at,
          accessed: row.fn_accessed_at,
          changed: row.fn_changed_at,
          born: row.fn_born_at,
        },
    encrypted: row.encrypted === 1,
    flags: row.flags === null || row.flags === '' ? [] : row.flags.split(','),
  }
}
