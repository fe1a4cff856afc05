import { randomUUID } from 'node:crypto'
import type { CoverageReason, CoverageSummary } from '../model/coverage'
import type { ScanLimits, ScanStatus, ScanSummary } from '../model/scan'
import type { Db } from './open-case-db'

/** Everything recorded about a scan when it starts (provenance: ISO 27037 repeatability). */
export interface NewScan {
  readonly examiner: string
  readonly appVersion: string
  readonly engine: string
  readonly bindingPackage: string
  readonly bindingVersion: string
  readonly ruleSetSha256: string
  readonly ruleCount: number
  readonly compilerOptions: unknown
  readonly limits: ScanLimits
  readonly evidenceIds: readonly number[]
  readonly packIds: readonly number[]
}

interface ScanRow {
  id: number
  uuid: string
  status: ScanStatus
  kind: 'scan' | 'retro-hunt'
  started_at: string
  finished_at: string | null
  heartbeat_at: string
  host_pid: number
  engine: string
  binding_package: string
  binding_version: string
  rule_set_sha256: string
  rule_count: number
  max_file_bytes: number
  engine_timeout_ms: number
  hard_deadline_ms: number
  match_cap: number
  excerpt_bytes: number
  processes: number
  files_scanned: number
  bytes_scanned: number
  finding_count: number
  error: string | null
}

/** Insert a `running` scan row with its evidence and packs; returns its id. */
export function insertScan(db: Db, scan: NewScan, now = new Date()): number {
  const at = now.toISOString()
  const { limits } = scan
  const result = db
    .prepare(
      `INSERT INTO scans (uuid, status, started_at, heartbeat_at, examiner, host_pid, app_version, engine,
         binding_package, binding_version, rule_set_sha256, rule_count, compiler_options,
         max_file_bytes, engine_timeout_ms, hard_deadline_ms, match_cap, excerpt_bytes, processes)
       VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      randomUUID(),
      at,
      at,
      scan.examiner,
      process.pid,
      scan.appVersion,
      scan.engine,
      scan.bindingPackage,
      scan.bindingVersion,
      scan.ruleSetSha256,
      scan.ruleCount,
      JSON.stringify(scan.compilerOptions),
      limits.maxFileBytes,
      limits.engineTimeoutMs,
      limits.hardDeadlineMs,
      limits.matchCapPerPattern,
      limits.excerptBytes,
      limits.processes,
    )
  const scanId = Number(result.lastInsertRowid)
  const linkEvidence = db.prepare('INSERT INTO scan_evidence (scan_id, evidence_id) VALUES (?, ?)')
  for (const id of scan.evidenceIds) linkEvidence.run(scanId, id)
  const linkPack = db.prepare('INSERT OR IGNORE INTO scan_packs (scan_id, pack_id) VALUES (?, ?)')
  for (const id of scan.packIds) linkPack.run(scanId, id)
  return scanId
}

/** Close a scan with its final status. */
export function finishScan(
  db: Db,
  scanId: number,
  status: Exclude<ScanStatus, 'running'>,
  error: string | null = null,
): void {
  db.prepare(`UPDATE scans SET status = ?, finished_at = ?, error = ? WHERE id = ?`).run(
    status,
    new Date().toISOString(),
    error,
    scanId,
  )
}

/**
 * Mark as `interrupted` every scan left `running` by a process that is gone (killed, crashed,
 * power loss), so nobody mistakes it for a live one. What it committed stays.
 */
export function markInterruptedScans(
  db: Db,
  ownActiveScanIds: ReadonlySet<number> = new Set(),
  isAlive: (pid: number) => boolean = processIsAlive,
): number[] {
  const running = db.prepare(`SELECT id, host_pid FROM scans WHERE status = 'running'`).all() as {
    id: number
    host_pid: number
  }[]
  // A row with our own pid that we are not running was left by an earlier process (pid reuse).
  const dead = running.filter(
    (row) =>
      !ownActiveScanIds.has(row.id) && (row.host_pid === process.pid || !isAlive(row.host_pid)),
  )
  const mark = db.prepare(
    `UPDATE scans SET status = 'interrupted', finished_at = heartbeat_at,
       error = 'the process running this scan stopped before it finished' WHERE id = ?`,
  )
  for (const row of dead) mark.run(row.id)
  return dead.map((row) => row.id)
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** One scan, or undefined. */
export function getScan(db: Db, scanId: number): ScanSummary | undefined {
  const row = db.prepare('SELECT * FROM scans WHERE id = ?').get(scanId) as ScanRow | undefined
  return row && toSummary(db, row)
}

/** Every scan, newest first. */
export function listScans(db: Db): ScanSummary[] {
  const rows = db.prepare('SELECT * FROM scans ORDER BY id DESC').all() as ScanRow[]
  return rows.map((row) => toSummary(db, row))
}

function toSummary(db: Db, row: ScanRow): ScanSummary {
  const evidenceIds = (
    db
      .prepare('SELECT evidence_id FROM scan_evidence WHERE scan_id = ? ORDER BY evidence_id')
      .all(row.id) as {
      evidence_id: number
    }[]
  ).map((r) => r.evidence_id)
  const packs = db
    .prepare(
      `SELECT p.name, p.version FROM scan_packs sp JOIN rule_packs p ON p.id = sp.pack_id
       WHERE sp.scan_id = ? ORDER BY p.name`,
    )
    .all(row.id) as { name: string; version: string }[]
  return {
    id: row.id,
    uuid: row.uuid,
    status: row.status,
    kind: row.kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    evidenceIds,
    packs,
    ruleSetSha256: row.rule_set_sha256,
    ruleCount: row.rule_count,
    engine: `${row.engine} (${row.binding_package}@${row.binding_version})`,
    limits: {
      maxFileBytes: row.max_file_bytes,
      engineTimeoutMs: row.engine_timeout_ms,
      hardDeadlineMs: row.hard_deadline_ms,
      matchCapPerPattern: row.match_cap,
      excerptBytes: row.excerpt_bytes,
      processes: row.processes,
    },
    filesScanned: row.files_scanned,
    bytesScanned: row.bytes_scanned,
    findingCount: row.finding_count,
    coverage: coverageSummary(db, row.id),
    error: row.error,
  }
}

/** Counts of coverage entries per reason for one scan. */
export function coverageSummary(db: Db, scanId: number): CoverageSummary {
  const rows = db
    .prepare('SELECT reason, count(*) AS n FROM coverage WHERE scan_id = ? GROUP BY reason')
    .all(scanId) as { reason: CoverageReason; n: number }[]
  return Object.fromEntries(rows.map((r) => [r.reason, r.n]))
}
