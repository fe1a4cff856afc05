import type { Migration } from './migration'

/**
 * Schema v4: what a scan at scale needs.
 *
 * - `scans.profile_key`: everything that decides a file's findings besides its content and
 *   path (rule set, block size, match cap, excerpt length, engine). Two scans with the same key
 *   give the same findings for the same content, so one can reuse the other's.
 * - `scan_files.content_key`: SHA-256 of the content plus the path externals the rule set reads
 *   (`filename`, `filepath`, …; none for most packs) — the dedup key of a whole-file scan.
 * - `scan_files.how`: how the file's results were obtained: `scanned` (YARA ran here),
 *   `same-content` (an earlier scan of identical content was reused), `unchanged` (the entry's
 *   metadata is unchanged since a scan with the same profile: not even read), `known-good`
 *   (in a known-good hash set: hashed, YARA skipped).
 * - `coverage_file`: a file's coverage notes, found without reading the whole scan's (reuse
 *   copies them per file).
 * - Hash sets (known-good / known-bad) imported into the case, so a scan is reproducible from
 *   the case file alone. A known-bad set has a rule row (in a pack row of its own) that its
 *   findings point to.
 */
export const scaleSchema: Migration = {
  version: 4,
  name: 'scale',
  sql: `
ALTER TABLE scans ADD COLUMN profile_key TEXT;
ALTER TABLE scans ADD COLUMN resumed_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scan_files ADD COLUMN content_key TEXT;
ALTER TABLE scan_files ADD COLUMN how TEXT NOT NULL DEFAULT 'scanned'
  CHECK (how IN ('scanned', 'same-content', 'unchanged', 'known-good'));
CREATE INDEX scan_files_content ON scan_files(content_key) WHERE content_key IS NOT NULL;
CREATE INDEX scan_files_file ON scan_files(file_id);
CREATE INDEX scans_profile ON scans(profile_key);
CREATE INDEX coverage_file ON coverage(file_id) WHERE file_id IS NOT NULL;

CREATE TABLE hash_sets (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  purpose        TEXT NOT NULL CHECK (purpose IN ('known-good', 'known-bad')),
  format         TEXT NOT NULL CHECK (format IN ('hash-list', 'nsrl-rds3', 'bundle')),
  source_name    TEXT NOT NULL,
  source_sha256  TEXT NOT NULL,
  entry_count    INTEGER NOT NULL,
  imported_at    TEXT NOT NULL,
  imported_by    TEXT NOT NULL,
  enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  rule_pk        INTEGER REFERENCES rules(id),
  UNIQUE (source_sha256, purpose)
) STRICT;

CREATE TABLE hash_set_entries (
  algo    TEXT NOT NULL CHECK (algo IN ('md5', 'sha1', 'sha256')),
  digest  BLOB NOT NULL,
  set_id  INTEGER NOT NULL REFERENCES hash_sets(id),
  label   TEXT,
  PRIMARY KEY (algo, digest, set_id)
) STRICT, WITHOUT ROWID;
`,
}
