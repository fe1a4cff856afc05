import { join } from 'node:path'
import { openCaseDb } from '../../../main/core/case/open-case-db'
import type { Db } from '../../../main/core/case/open-case-db'
import type { TriageStatus } from '../../../main/core/model/findings'
import { TRIAGE_STATUSES } from '../../../main/core/model/findings'
import type { TlpLevel } from '../../../main/core/model/tlp'

/** One generated finding, as the test's own oracle knows it. */
export interface FixtureFinding {
  readonly id: number
  readonly scanId: number
  readonly fileId: number
  readonly ruleId: number
  readonly ruleName: string
  readonly packName: string
  readonly evidenceId: number
  readonly path: string
  readonly mime: string | null
  readonly sizeBytes: number
  readonly score: number
  readonly triage: TriageStatus
  readonly tlp: TlpLevel | null
  readonly tags: readonly string[]
  readonly suppressed: boolean
}

/** What {@link makeFindingsDb} generated. */
export interface FindingsFixture {
  readonly db: Db
  readonly findings: readonly FixtureFinding[]
  /** The latest scan's findings (the default scope). */
  readonly latest: readonly FixtureFinding[]
}

const PATH_WORDS = ['Users/alice', 'Users/bob', 'Windows/Temp', 'tmp/100%_done', 'ProgramData']
const MIMES = ['application/x-dosexec', 'text/plain', null, 'application/pdf']
const TLPS: (TlpLevel | null)[] = [null, 'clear', 'green', 'amber', 'amber+strict', 'red']
const TAG_SETS: string[][] = [[], ['ransomware'], ['lateral', 'ransomware'], [], ["x' OR 1=1 --"]]

/**
 * A case database with `findings` findings over two scans (one in ten in the older scan),
 * two evidence items, two packs, `rules` rules and `files` files, bulk-inserted in one
 * transaction. Values cycle deterministically, and the returned records are the oracle.
 */
export function makeFindingsDb(
  dir: string,
  options: { findings: number; files?: number; rules?: number },
): FindingsFixture {
  const db = openCaseDb(join(dir, 'findings.outpost'), { create: true })
  const fileCount = options.files ?? Math.max(10, Math.ceil(options.findings / 5))
  const ruleCount = options.rules ?? 12
  const now = '2026-01-01T00:00:00.000Z'
  const findings: FixtureFinding[] = []
  db.transaction(() => {
    for (const [i, label] of ['laptop', 'usb'].entries()) {
      db.prepare(
        `INSERT INTO evidence (id, uuid, label, kind, source_path, added_at, added_by)
         VALUES (?, ?, ?, 'folder', ?, ?, 'tester')`,
      ).run(i + 1, `uuid-${i}`, label, `/evidence/${label}`, now)
    }
    for (const [i, name] of ['alpha', 'beta_pack'].entries()) {
      db.prepare(
        `INSERT INTO rule_packs (id, name, version, origin, signed, manifest_sha256, namespace,
           source_path, recorded_at) VALUES (?, ?, '1.0.0', 'local', 0, 'm', ?, '/p', ?)`,
      ).run(i + 1, name, name, now)
    }
    const insertRule = db.prepare(
      `INSERT INTO rules (id, pack_id, name, namespace, score) VALUES (?, ?, ?, ?, 50)`,
    )
    const rules = Array.from({ length: ruleCount }, (_, i) => {
      const pack = (i % 2) + 1
      // Rule 3's name holds LIKE wildcards, to prove they are taken literally.
      const name = i === 3 ? 'Odd_100%_rule' : `Rule_${String(i).padStart(3, '0')}`
      insertRule.run(i + 1, pack, name, pack === 1 ? 'alpha' : 'beta_pack')
      return { id: i + 1, name, packName: pack === 1 ? 'alpha' : 'beta_pack' }
    })
    for (const id of [1, 2]) {
      db.prepare(
        `INSERT INTO scans (id, uuid, status, started_at, heartbeat_at, examiner, host_pid,
           app_version, engine, binding_package, binding_version, rule_set_sha256, rule_count,
           compiler_options, max_file_bytes, engine_timeout_ms, hard_deadline_ms, match_cap,
           excerpt_bytes, processes)
         VALUES (?, ?, 'completed', ?, ?, 'tester', 1, 't', 'yara-x', 'b', '1', 's', 1, '{}',
           1, 1, 1, 1, 1, 1)`,
      ).run(id, `scan-${id}`, now, now)
    }
    db.prepare(
      `INSERT INTO suppressions (id, rule_key, sha256, reason, created_by, created_at)
       VALUES (1, 'k', ?, 'known', 'tester', ?)`,
    ).run('0'.repeat(64), now)
    const insertFile = db.prepare(
      `INSERT INTO files (id, evidence_id, entry_key, path, parent_path, name, kind, size_bytes,
         mime, sha256) VALUES (?, ?, ?, ?, ?, ?, 'file', ?, ?, ?)`,
    )
    const files = Array.from({ length: fileCount }, (_, i) => {
      const parent = PATH_WORDS[i % PATH_WORDS.length]!
      const path = `${parent}/file${i}.bin`
      const file = {
        id: i + 1,
        evidenceId: (i % 3 === 2 ? 1 : 0) + 1,
        path,
        mime: MIMES[i % MIMES.length]!,
        sizeBytes: (i * 7919) % 100_003,
      }
      const sha = (i + 1).toString(16).padStart(64, 'a')
      insertFile.run(
        file.id,
        file.evidenceId,
        path,
        path,
        parent,
        `file${i}.bin`,
        file.sizeBytes,
        file.mime,
        sha,
      )
      return file
    })
    const insertFinding = db.prepare(
      `INSERT INTO findings (id, scan_id, file_id, rule_pk, score, triage_status, match_count,
         created_at, tlp, suppression_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    )
    const insertTag = db.prepare(
      `INSERT INTO finding_tags (finding_id, tag, added_at, added_by) VALUES (?, ?, ?, 'tester')`,
    )
    for (let i = 0; i < options.findings; i++) {
      const file = files[i % fileCount]!
      const rule = rules[Math.floor(i / fileCount) % ruleCount]!
      const finding: FixtureFinding = {
        id: i + 1,
        scanId: i % 10 === 9 ? 1 : 2,
        fileId: file.id,
        ruleId: rule.id,
        ruleName: rule.name,
        packName: rule.packName,
        evidenceId: file.evidenceId,
        path: file.path,
        mime: file.mime,
        sizeBytes: file.sizeBytes,
        score: (i * 37) % 101,
        triage: TRIAGE_STATUSES[i % TRIAGE_STATUSES.length]!,
        tlp: TLPS[i % TLPS.length]!,
        tags: TAG_SETS[i % TAG_SETS.length]!,
        suppressed: i % 11 === 0,
      }
      insertFinding.run(
        finding.id,
        finding.scanId,
        finding.fileId,
        finding.ruleId,
        finding.score,
        finding.triage,
        now,
        finding.tlp,
        finding.suppressed ? 1 : null,
      )
      for (const tag of finding.tags) insertTag.run(finding.id, tag, now)
      findings.push(finding)
    }
  })()
  return { db, findings, latest: findings.filter((f) => f.scanId === 2) }
}
