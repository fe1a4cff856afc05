import type { Migration } from './migration'

/**
 * Schema v7: what the analyst's workbench needs at scale.
 *
 * - `finding_tags`: free-form analyst tags on findings (`ransomware`, `lateral-movement`), with
 *   who added them and when; one row per (finding, tag). The audit log holds every change.
 * - Indexes for the findings table's filters and sorts over the whole case (100,000+ findings):
 *   by score without a scan filter, by rule, by triage status and by file.
 */
export const workbenchSchema: Migration = {
  version: 7,
  name: 'workbench',
  sql: `
CREATE TABLE finding_tags (
  finding_id  INTEGER NOT NULL REFERENCES findings(id),
  tag         TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
  added_at    TEXT NOT NULL,
  added_by    TEXT NOT NULL,
  PRIMARY KEY (finding_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX finding_tags_tag ON finding_tags(tag, finding_id);

CREATE INDEX findings_score_all ON findings(score DESC, id DESC);
CREATE INDEX findings_rule ON findings(rule_pk, score DESC);
CREATE INDEX findings_triage ON findings(triage_status, score DESC);

-- Timeline: the files whose times fall in a window, by each time ($FILE_NAME times: NTFS only).
CREATE INDEX files_modified_at ON files(modified_at);
CREATE INDEX files_accessed_at ON files(accessed_at);
CREATE INDEX files_changed_at ON files(changed_at);
CREATE INDEX files_born_at ON files(born_at);
CREATE INDEX files_fn_modified_at ON files(fn_modified_at) WHERE fn_modified_at IS NOT NULL;
CREATE INDEX files_fn_accessed_at ON files(fn_accessed_at) WHERE fn_accessed_at IS NOT NULL;
CREATE INDEX files_fn_changed_at ON files(fn_changed_at) WHERE fn_changed_at IS NOT NULL;
CREATE INDEX files_fn_born_at ON files(fn_born_at) WHERE fn_born_at IS NOT NULL;
`,
}
