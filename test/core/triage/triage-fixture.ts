import { join } from 'node:path'
import type { CaseHandle } from '../../../main/core/case/case-file'
import { createCase } from '../../../main/core/case/case-file'
import { tempDir } from '../../helpers/temp-dir'

/**
 * A new case (examiner "ana") with `count` findings, ids 1..count, all `new`, one file each:
 * written with plain SQL so a 100,000-finding case takes well under a second to build.
 */
export function caseWithFindings(count: number): CaseHandle {
  const handle = createCase(join(tempDir(), 'triage.outpost'), {
    name: 'Triage',
    examiner: 'ana',
    appVersion: 't',
  })
  handle.db.exec(`
    INSERT INTO evidence (id, uuid, label, kind, source_path, size_bytes, added_at, added_by)
      VALUES (1, 'ev', 'usb', 'folder', '/mnt/usb', 10, 'now', 'ana');
    INSERT INTO rule_packs (id, name, version, origin, signed, manifest_sha256, namespace, source_path, recorded_at)
      VALUES (1, 'p', '1', 'local', 0, 'sha', 'ns', '/r', 'now');
    INSERT INTO rules (id, pack_id, name, namespace, score) VALUES (1, 1, 'R', 'ns', 50);
    INSERT INTO scans (id, uuid, status, started_at, heartbeat_at, examiner, host_pid, app_version, engine,
      binding_package, binding_version, rule_set_sha256, rule_count, compiler_options, max_file_bytes,
      engine_timeout_ms, hard_deadline_ms, match_cap, excerpt_bytes, processes)
      VALUES (1, 's', 'completed', 'now', 'now', 'ana', 1, 't', 'yara-x', 'b', '1', 'x', 1, '{}', 1, 1, 1, 1, 1, 1);
  `)
  handle.db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO files (id, evidence_id, entry_key, path, parent_path, name, kind, size_bytes)
       SELECT i, 1, 'f/' || i, 'f/' || i, 'f', 'f' || i, 'file', 1 FROM n`,
    )
    .run(count)
  handle.db
    .prepare(
      `INSERT INTO findings (id, scan_id, file_id, rule_pk, score, match_count, created_at)
       SELECT id, 1, id, 1, 50, 1, 'now' FROM files`,
    )
    .run()
  return handle
}

/** 1..n. */
export function idsUpTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1)
}
