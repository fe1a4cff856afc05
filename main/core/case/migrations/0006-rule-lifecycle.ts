import type { Migration } from './migration'

const STATE_CHECK = "IN ('active', 'testing', 'disabled')"

/**
 * Schema v6: the life of a rule inside a case.
 *
 * - `rule_states`: the analyst's state for a rule in this case (active, testing, disabled),
 *   keyed by `rule_key` (`id:<rule id>` when the rule has an `id` meta, else
 *   `name:<namespace>:<name>`), so it survives pack updates that keep the id.
 * - `suppressions`: a known false positive, rule key + SHA-256 of the content + reason; a
 *   finding it covers is recorded as a false positive citing it (`findings.suppression_id`).
 *   `origin` says whether the analyst made it here (`case`) or a pack brought it
 *   (`pack:<name>`).
 * - `findings.rule_state`: the rule's state when the finding was recorded (`testing` findings
 *   are shown apart); `findings.superseded`: set when a later version of the rule's pack removed
 *   the rule or changed its logic (a retro-hunt re-checks the content with the new logic).
 * - `scans.kind`: `scan`, or `retro-hunt` (only the new and changed rules of a pack update,
 *   over content already in the case).
 */
export const ruleLifecycleSchema: Migration = {
  version: 6,
  name: 'rule-lifecycle',
  sql: `
CREATE TABLE rule_states (
  id         INTEGER PRIMARY KEY,
  rule_key   TEXT NOT NULL UNIQUE,
  namespace  TEXT NOT NULL,
  name       TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state ${STATE_CHECK}),
  reason     TEXT NOT NULL DEFAULT '',
  set_by     TEXT NOT NULL,
  set_at     TEXT NOT NULL
) STRICT;

CREATE TABLE suppressions (
  id          INTEGER PRIMARY KEY,
  rule_key    TEXT NOT NULL,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  reason      TEXT NOT NULL,
  origin      TEXT NOT NULL DEFAULT 'case',
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (rule_key, sha256)
) STRICT;

ALTER TABLE findings ADD COLUMN rule_state TEXT CHECK (rule_state IS NULL OR rule_state ${STATE_CHECK});
ALTER TABLE findings ADD COLUMN suppression_id INTEGER REFERENCES suppressions(id);
ALTER TABLE findings ADD COLUMN superseded TEXT CHECK (superseded IS NULL OR superseded IN ('removed', 'logic-changed'));
ALTER TABLE scans ADD COLUMN kind TEXT NOT NULL DEFAULT 'scan' CHECK (kind IN ('scan', 'retro-hunt'));
`,
}
