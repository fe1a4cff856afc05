import type { Migration } from './migration'

/**
 * Schema v3: what NTFS and ext say about a file beyond FAT's few fields: the group (ext gid),
 * the NTFS alternate data stream a row stands for, the four $FILE_NAME times kept beside the
 * $STANDARD_INFORMATION ones in `modified_at`… (their disagreement is a triage signal: tools that
 * back-date a file usually reach only $STANDARD_INFORMATION), and whether the content is
 * encrypted (EFS: listed, never decrypted).
 */
export const fileSystemMetadata: Migration = {
  version: 3,
  name: 'file-system-metadata',
  sql: `
ALTER TABLE files ADD COLUMN owner_group TEXT;
ALTER TABLE files ADD COLUMN stream TEXT;
ALTER TABLE files ADD COLUMN fn_modified_at TEXT;
ALTER TABLE files ADD COLUMN fn_accessed_at TEXT;
ALTER TABLE files ADD COLUMN fn_changed_at TEXT;
ALTER TABLE files ADD COLUMN fn_born_at TEXT;
ALTER TABLE files ADD COLUMN encrypted INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1));
`,
}
