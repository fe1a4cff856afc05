import type { Migration } from './migration'

const TLP_CHECK = "IN ('clear', 'green', 'amber', 'amber+strict', 'red')"

/**
 * Schema v5: what sharing needs.
 *
 * - TLP per item: the case default (`case_info.default_tlp`), and an optional level on findings,
 *   files, notes and rule packs (NULL = the case default). A finding shares at the most
 *   restricted of its own, its file's and its rule pack's level.
 * - `rules.source`: the self-contained rule text (its imports, the private and global rules it
 *   needs, the rule), recorded with the pack so an export can cite the exact rule that matched
 *   even after the pack folder is gone.
 * - `notes`: analyst comments on a finding (or the case), with author, times and TLP.
 * - Partner bundles: what an import verified, and the partner's findings, rules and notes as
 *   they sent them. Read-only: triggers refuse any UPDATE, so their view cannot drift from the
 *   signed bundle (deleting a whole import is allowed).
 */
export const sharingSchema: Migration = {
  version: 5,
  name: 'sharing',
  sql: `
ALTER TABLE case_info ADD COLUMN default_tlp TEXT NOT NULL DEFAULT 'amber' CHECK (default_tlp ${TLP_CHECK});
ALTER TABLE findings ADD COLUMN tlp TEXT CHECK (tlp IS NULL OR tlp ${TLP_CHECK});
ALTER TABLE files ADD COLUMN tlp TEXT CHECK (tlp IS NULL OR tlp ${TLP_CHECK});
ALTER TABLE rule_packs ADD COLUMN tlp TEXT CHECK (tlp IS NULL OR tlp ${TLP_CHECK});
ALTER TABLE rules ADD COLUMN source TEXT;

CREATE TABLE notes (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  finding_id   INTEGER REFERENCES findings(id),
  author       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  modified_at  TEXT NOT NULL,
  body         TEXT NOT NULL,
  tlp          TEXT CHECK (tlp IS NULL OR tlp ${TLP_CHECK})
) STRICT;
CREATE INDEX notes_finding ON notes(finding_id);

CREATE TABLE partner_bundles (
  id                INTEGER PRIMARY KEY,
  bundle_id         TEXT NOT NULL,
  manifest_sha256   TEXT NOT NULL,
  source_name       TEXT NOT NULL,
  producer_org      TEXT NOT NULL,
  producer_key_id   TEXT,
  signer_status     TEXT NOT NULL CHECK (signer_status IN ('own', 'trusted', 'unknown', 'unsigned')),
  tlp               TEXT NOT NULL CHECK (tlp ${TLP_CHECK}),
  created           TEXT NOT NULL,
  case_name         TEXT NOT NULL,
  report_name       TEXT NOT NULL,
  imported_at       TEXT NOT NULL,
  imported_by       TEXT NOT NULL,
  verification_json TEXT NOT NULL,
  manifest_json     TEXT NOT NULL,
  UNIQUE (bundle_id, manifest_sha256)
) STRICT;

CREATE TABLE partner_rules (
  id             INTEGER PRIMARY KEY,
  bundle_pk      INTEGER NOT NULL REFERENCES partner_bundles(id) ON DELETE CASCADE,
  indicator_uuid TEXT NOT NULL,
  name           TEXT NOT NULL,
  namespace      TEXT NOT NULL,
  pack_name      TEXT NOT NULL,
  pack_version   TEXT NOT NULL,
  pack_sha256    TEXT NOT NULL,
  score          INTEGER NOT NULL,
  description    TEXT,
  author         TEXT,
  source         TEXT NOT NULL,
  rule_json      TEXT NOT NULL,
  UNIQUE (bundle_pk, indicator_uuid)
) STRICT;

CREATE TABLE partner_findings (
  id             INTEGER PRIMARY KEY,
  bundle_pk      INTEGER NOT NULL REFERENCES partner_bundles(id) ON DELETE CASCADE,
  finding_uuid   TEXT NOT NULL,
  rule_key       TEXT NOT NULL,
  evidence_label TEXT NOT NULL,
  path           TEXT NOT NULL,
  sha256         TEXT,
  score          INTEGER NOT NULL,
  triage_status  TEXT NOT NULL,
  tlp            TEXT NOT NULL,
  seen_at        TEXT NOT NULL,
  match_count    INTEGER NOT NULL,
  finding_json   TEXT NOT NULL,
  UNIQUE (bundle_pk, finding_uuid)
) STRICT;
CREATE INDEX partner_findings_bundle ON partner_findings(bundle_pk, score DESC);
CREATE INDEX partner_findings_sha256 ON partner_findings(sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE partner_notes (
  id           INTEGER PRIMARY KEY,
  bundle_pk    INTEGER NOT NULL REFERENCES partner_bundles(id) ON DELETE CASCADE,
  finding_uuid TEXT,
  note_json    TEXT NOT NULL
) STRICT;

CREATE TRIGGER partner_bundles_read_only BEFORE UPDATE ON partner_bundles
BEGIN SELECT RAISE(ABORT, 'a partner bundle is read-only'); END;
CREATE TRIGGER partner_rules_read_only BEFORE UPDATE ON partner_rules
BEGIN SELECT RAISE(ABORT, 'a partner bundle is read-only'); END;
CREATE TRIGGER partner_findings_read_only BEFORE UPDATE ON partner_findings
BEGIN SELECT RAISE(ABORT, 'a partner bundle is read-only'); END;
CREATE TRIGGER partner_notes_read_only BEFORE UPDATE ON partner_notes
BEGIN SELECT RAISE(ABORT, 'a partner bundle is read-only'); END;
`,
}
