import type { Migration } from './migration'

/**
 * Schema v2: disk images. Evidence can be an image (container format, stored and computed
 * hashes, integrity state); its volumes and file systems are recorded; files gain their file
 * system, a unique entry key, deleted/recoverable flags, data runs and image offset, and may be
 * directories or unallocated blocks; matches gain their offset in the image.
 *
 * `evidence` and `files` are rebuilt (SQLite cannot change a CHECK in place); their ids are kept,
 * so every reference stays valid (checked by `foreign_key_check` after the migration).
 */
export const diskImages: Migration = {
  version: 2,
  name: 'disk-images',
  sql: `
CREATE TABLE evidence_v2 (
  id                 INTEGER PRIMARY KEY,
  uuid               TEXT NOT NULL UNIQUE,
  label              TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('folder', 'file', 'image')),
  source_path        TEXT NOT NULL UNIQUE,
  size_bytes         INTEGER,
  file_count         INTEGER,
  md5                TEXT,
  sha1               TEXT,
  sha256             TEXT,
  manifest_sha256    TEXT,
  added_at           TEXT NOT NULL,
  added_by           TEXT NOT NULL,
  container_format   TEXT,
  container_files    TEXT,
  container_details  TEXT,
  sector_size        INTEGER,
  layout_warnings    TEXT,
  stored_md5         TEXT,
  stored_sha1        TEXT,
  integrity          TEXT NOT NULL DEFAULT 'not-applicable'
                     CHECK (integrity IN ('not-applicable', 'pending', 'hashing', 'computed', 'verified',
                                          'mismatch', 'cancelled', 'failed')),
  integrity_detail   TEXT,
  hashed_at          TEXT
) STRICT;
INSERT INTO evidence_v2 (id, uuid, label, kind, source_path, size_bytes, file_count, md5, sha1, sha256,
  manifest_sha256, added_at, added_by)
SELECT id, uuid, label, kind, source_path, size_bytes, file_count, md5, sha1, sha256,
  manifest_sha256, added_at, added_by FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_v2 RENAME TO evidence;

CREATE TABLE volumes (
  id            INTEGER PRIMARY KEY,
  evidence_id   INTEGER NOT NULL REFERENCES evidence(id),
  idx           INTEGER NOT NULL,
  slot          TEXT NOT NULL,
  scheme        TEXT NOT NULL CHECK (scheme IN ('mbr', 'gpt', 'none')),
  start_offset  INTEGER NOT NULL,
  length        INTEGER NOT NULL,
  type          TEXT NOT NULL,
  mbr_type      INTEGER,
  name          TEXT,
  type_guid     TEXT,
  guid          TEXT,
  problem       TEXT,
  UNIQUE (evidence_id, idx)
) STRICT;

CREATE TABLE filesystems (
  id            INTEGER PRIMARY KEY,
  evidence_id   INTEGER NOT NULL REFERENCES evidence(id),
  volume_id     INTEGER NOT NULL REFERENCES volumes(id),
  kind          TEXT NOT NULL,
  label         TEXT,
  start_offset  INTEGER NOT NULL,
  size_bytes    INTEGER NOT NULL,
  cluster_size  INTEGER NOT NULL,
  details_json  TEXT NOT NULL DEFAULT '{}',
  UNIQUE (volume_id)
) STRICT;

CREATE TABLE files_v2 (
  id             INTEGER PRIMARY KEY,
  evidence_id    INTEGER NOT NULL REFERENCES evidence(id),
  filesystem_id  INTEGER REFERENCES filesystems(id),
  volume_id      INTEGER REFERENCES volumes(id),
  entry_key      TEXT NOT NULL,
  path           TEXT NOT NULL,
  parent_path    TEXT NOT NULL,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('file', 'directory', 'symlink', 'special', 'unallocated')),
  link_target    TEXT,
  size_bytes     INTEGER NOT NULL,
  inode          TEXT,
  mode           INTEGER,
  owner          TEXT,
  modified_at    TEXT,
  accessed_at    TEXT,
  changed_at     TEXT,
  born_at        TEXT,
  time_note      TEXT,
  md5            TEXT,
  sha1           TEXT,
  sha256         TEXT,
  mime           TEXT,
  file_type      TEXT,
  entropy        REAL,
  allocated      INTEGER NOT NULL DEFAULT 1 CHECK (allocated IN (0, 1)),
  deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  recoverable    INTEGER NOT NULL DEFAULT 1 CHECK (recoverable IN (0, 1)),
  image_offset   INTEGER,
  runs_json      TEXT,
  flags          TEXT,
  UNIQUE (evidence_id, entry_key)
) STRICT;
INSERT INTO files_v2 (id, evidence_id, entry_key, path, parent_path, name, kind, link_target, size_bytes, inode, mode,
  owner, modified_at, accessed_at, changed_at, born_at, md5, sha1, sha256, mime, file_type, entropy, allocated)
SELECT id, evidence_id, path, path,
  CASE WHEN instr(path, '/') = 0 THEN '' ELSE rtrim(rtrim(path, replace(path, '/', '')), '/') END,
  name, kind, link_target, size_bytes, inode, mode,
  owner, modified_at, accessed_at, changed_at, born_at, md5, sha1, sha256, mime, file_type, entropy, allocated
FROM files;
DROP TABLE files;
ALTER TABLE files_v2 RENAME TO files;
CREATE INDEX files_sha256 ON files(sha256);
CREATE INDEX files_parent ON files(evidence_id, filesystem_id, parent_path, name);

ALTER TABLE matches ADD COLUMN image_offset INTEGER;
`,
}
