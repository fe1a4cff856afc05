import type { Migration } from './migration'

/**
 * Schema v1: case, evidence, files, rule packs and rules, scans, findings, matches, coverage and
 * the append-only, hash-chained audit log.
 *
 * Times are UTC ISO-8601 strings (file times with nanoseconds) so that they sort as text and read
 * the same in any tool; sizes and offsets are integers (SQLite's 64-bit INTEGER).
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial-schema',
  sql: `
CREATE TABLE case_info (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  uuid          TEXT NOT NULL,
  name          TEXT NOT NULL,
  case_number   TEXT,
  examiner      TEXT NOT NULL,
  description   TEXT,
  created_at    TEXT NOT NULL,
  app_version   TEXT NOT NULL
) STRICT;

CREATE TABLE evidence (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE,
  label            TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('folder', 'file')),
  source_path      TEXT NOT NULL UNIQUE,
  size_bytes       INTEGER,
  file_count       INTEGER,
  md5              TEXT,
  sha1             TEXT,
  sha256           TEXT,
  manifest_sha256  TEXT,
  added_at         TEXT NOT NULL,
  added_by         TEXT NOT NULL
) STRICT;

CREATE TABLE files (
  id             INTEGER PRIMARY KEY,
  evidence_id    INTEGER NOT NULL REFERENCES evidence(id),
  path           TEXT NOT NULL,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('file', 'symlink', 'special')),
  link_target    TEXT,
  size_bytes     INTEGER NOT NULL,
  inode          TEXT,
  mode           INTEGER,
  owner          TEXT,
  modified_at    TEXT,
  accessed_at    TEXT,
  changed_at     TEXT,
  born_at        TEXT,
  md5            TEXT,
  sha1           TEXT,
  sha256         TEXT,
  mime           TEXT,
  file_type      TEXT,
  entropy        REAL,
  allocated      INTEGER NOT NULL DEFAULT 1 CHECK (allocated IN (0, 1)),
  UNIQUE (evidence_id, path)
) STRICT;
CREATE INDEX files_sha256 ON files(sha256);

CREATE TABLE rule_packs (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,
  version          TEXT NOT NULL,
  origin           TEXT NOT NULL CHECK (origin IN ('bundled', 'local', 'imported')),
  signed           INTEGER NOT NULL CHECK (signed IN (0, 1)),
  manifest_sha256  TEXT NOT NULL,
  namespace        TEXT NOT NULL,
  source_path      TEXT NOT NULL,
  recorded_at      TEXT NOT NULL,
  UNIQUE (name, version, manifest_sha256)
) STRICT;

CREATE TABLE rules (
  id          INTEGER PRIMARY KEY,
  pack_id     INTEGER NOT NULL REFERENCES rule_packs(id),
  rule_id     TEXT,
  name        TEXT NOT NULL,
  namespace   TEXT NOT NULL,
  file        TEXT,
  logic_hash  TEXT,
  status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'testing', 'disabled')),
  score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  tags_json   TEXT NOT NULL DEFAULT '[]',
  meta_json   TEXT NOT NULL DEFAULT '{}',
  UNIQUE (pack_id, namespace, name)
) STRICT;

CREATE TABLE scans (
  id                 INTEGER PRIMARY KEY,
  uuid               TEXT NOT NULL UNIQUE,
  status             TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'interrupted', 'failed')),
  started_at         TEXT NOT NULL,
  finished_at        TEXT,
  heartbeat_at       TEXT NOT NULL,
  examiner           TEXT NOT NULL,
  host_pid           INTEGER NOT NULL,
  app_version        TEXT NOT NULL,
  engine             TEXT NOT NULL,
  binding_package    TEXT NOT NULL,
  binding_version    TEXT NOT NULL,
  rule_set_sha256    TEXT NOT NULL,
  rule_count         INTEGER NOT NULL,
  compiler_options   TEXT NOT NULL,
  max_file_bytes     INTEGER NOT NULL,
  engine_timeout_ms  INTEGER NOT NULL,
  hard_deadline_ms   INTEGER NOT NULL,
  match_cap          INTEGER NOT NULL,
  excerpt_bytes      INTEGER NOT NULL,
  processes          INTEGER NOT NULL,
  files_scanned      INTEGER NOT NULL DEFAULT 0,
  bytes_scanned      INTEGER NOT NULL DEFAULT 0,
  finding_count      INTEGER NOT NULL DEFAULT 0,
  atime_unprotected  INTEGER NOT NULL DEFAULT 0,
  error              TEXT
) STRICT;

CREATE TABLE scan_evidence (
  scan_id      INTEGER NOT NULL REFERENCES scans(id),
  evidence_id  INTEGER NOT NULL REFERENCES evidence(id),
  PRIMARY KEY (scan_id, evidence_id)
) STRICT;

CREATE TABLE scan_packs (
  scan_id  INTEGER NOT NULL REFERENCES scans(id),
  pack_id  INTEGER NOT NULL REFERENCES rule_packs(id),
  PRIMARY KEY (scan_id, pack_id)
) STRICT;

-- One row per file a scan processed: the scan's checkpoint (a file listed here is not redone).
CREATE TABLE scan_files (
  scan_id     INTEGER NOT NULL REFERENCES scans(id),
  file_id     INTEGER NOT NULL REFERENCES files(id),
  scanned     INTEGER NOT NULL CHECK (scanned IN (0, 1)),
  PRIMARY KEY (scan_id, file_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE findings (
  id             INTEGER PRIMARY KEY,
  scan_id        INTEGER NOT NULL REFERENCES scans(id),
  file_id        INTEGER NOT NULL REFERENCES files(id),
  rule_pk        INTEGER NOT NULL REFERENCES rules(id),
  score          INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  triage_status  TEXT NOT NULL DEFAULT 'new'
                 CHECK (triage_status IN ('new', 'needs-review', 'confirmed', 'false-positive', 'benign')),
  match_count    INTEGER NOT NULL,
  created_at     TEXT NOT NULL,
  UNIQUE (scan_id, file_id, rule_pk)
) STRICT;
CREATE INDEX findings_file ON findings(file_id);
CREATE INDEX findings_score ON findings(scan_id, score DESC);

CREATE TABLE matches (
  id           INTEGER PRIMARY KEY,
  finding_id   INTEGER NOT NULL REFERENCES findings(id),
  identifier   TEXT NOT NULL,
  byte_offset  INTEGER NOT NULL,
  byte_length  INTEGER NOT NULL,
  excerpt      BLOB NOT NULL
) STRICT;
CREATE INDEX matches_finding ON matches(finding_id, byte_offset);

CREATE TABLE coverage (
  id           INTEGER PRIMARY KEY,
  scan_id      INTEGER NOT NULL REFERENCES scans(id),
  evidence_id  INTEGER NOT NULL REFERENCES evidence(id),
  file_id      INTEGER REFERENCES files(id),
  path         TEXT NOT NULL,
  reason       TEXT NOT NULL,
  detail       TEXT
) STRICT;
CREATE INDEX coverage_scan ON coverage(scan_id, reason);

CREATE TABLE audit_log (
  seq           INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  action        TEXT NOT NULL,
  subject       TEXT,
  details_json  TEXT NOT NULL,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
}
