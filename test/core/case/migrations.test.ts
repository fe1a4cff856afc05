import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../main/core/case/migrations'
import { openCaseDb } from '../../../main/core/case/open-case-db'
import { tempDir } from '../../helpers/temp-dir'

/** A case database as Outpost schema v1 wrote it, with one scan's worth of rows. */
function version1Case(path: string): void {
  const db = new Database(path)
  db.pragma('application_id = 1330664276')
  db.pragma('foreign_keys = ON')
  db.exec(MIGRATIONS[0]!.sql)
  db.pragma('user_version = 1')
  db.exec(`
    INSERT INTO case_info VALUES (1, 'case-uuid', 'Old case', NULL, 'ana', NULL, '2026-01-01T00:00:00.000Z', '0.1.0');
    INSERT INTO evidence (id, uuid, label, kind, source_path, size_bytes, added_at, added_by)
      VALUES (7, 'ev-uuid', 'usb', 'folder', '/mnt/usb', 10, '2026-01-01T00:00:00.000Z', 'ana');
    INSERT INTO files (id, evidence_id, path, name, kind, size_bytes, sha256)
      VALUES (42, 7, 'docs/a.txt', 'a.txt', 'file', 10, 'ab');
    INSERT INTO rule_packs VALUES (1, 'p', '1', 'local', 0, 'sha', 'ns', '/r', 'now');
    INSERT INTO rules (id, pack_id, name, namespace, score) VALUES (3, 1, 'R', 'ns', 50);
    INSERT INTO scans (id, uuid, status, started_at, heartbeat_at, examiner, host_pid, app_version, engine,
      binding_package, binding_version, rule_set_sha256, rule_count, compiler_options, max_file_bytes,
      engine_timeout_ms, hard_deadline_ms, match_cap, excerpt_bytes, processes)
      VALUES (1, 's', 'completed', 'now', 'now', 'ana', 1, '0.1.0', 'yara-x', 'b', '0.7.2', 'x', 1, '{}', 1, 1, 1, 1, 1, 1);
    INSERT INTO scan_evidence VALUES (1, 7);
    INSERT INTO scan_files VALUES (1, 42, 1);
    INSERT INTO findings (id, scan_id, file_id, rule_pk, score, match_count, created_at) VALUES (5, 1, 42, 3, 50, 1, 'now');
    INSERT INTO matches (finding_id, identifier, byte_offset, byte_length, excerpt) VALUES (5, '$a', 4, 2, x'6869');
  `)
  db.close()
}

describe('case database migrations', () => {
  it('upgrades a schema-1 case to the current schema, keeping every row and reference', () => {
    const path = join(tempDir(), 'old.outpost')
    version1Case(path)
    const db = openCaseDb(path)
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.prepare('SELECT id, kind, integrity FROM evidence').all()).toEqual([
      { id: 7, kind: 'folder', integrity: 'not-applicable' },
    ])
    expect(db.prepare('SELECT id, evidence_id, entry_key, path, deleted FROM files').all()).toEqual(
      [{ id: 42, evidence_id: 7, entry_key: 'docs/a.txt', path: 'docs/a.txt', deleted: 0 }],
    )
    const joined = db
      .prepare(
        `SELECT f.id AS finding, fl.path, e.label, m.byte_offset, m.image_offset FROM findings f
         JOIN files fl ON fl.id = f.file_id JOIN evidence e ON e.id = fl.evidence_id JOIN matches m ON m.finding_id = f.id`,
      )
      .all()
    expect(joined).toEqual([
      { finding: 5, path: 'docs/a.txt', label: 'usb', byte_offset: 4, image_offset: null },
    ])
    // Schema 3: a file from before NTFS and ext has no stream, no $FILE_NAME times, no group.
    expect(
      db
        .prepare(
          'SELECT owner_group, stream, fn_modified_at, fn_accessed_at, fn_changed_at, fn_born_at, encrypted FROM files',
        )
        .all(),
    ).toEqual([
      {
        owner_group: null,
        stream: null,
        fn_modified_at: null,
        fn_accessed_at: null,
        fn_changed_at: null,
        fn_born_at: null,
        encrypted: 0,
      },
    ])
    expect(() => db.prepare('UPDATE files SET encrypted = 2').run()).toThrow(/CHECK/)
    db.close()
  })

  it('accepts image evidence only from schema 2 on', () => {
    const db = openCaseDb(join(tempDir(), 'new.outpost'), { create: true })
    db.prepare(
      `INSERT INTO evidence (uuid, label, kind, source_path, added_at, added_by, integrity) VALUES ('u', 'disk', 'image', '/d.E01', 'now', 'ana', 'pending')`,
    ).run()
    expect(() => db.prepare(`UPDATE evidence SET integrity = 'fine'`).run()).toThrow(/CHECK/)
    db.close()
  })
})
