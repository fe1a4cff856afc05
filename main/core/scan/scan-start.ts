import { appendAudit } from '../case/audit-log'
import type { Db } from '../case/open-case-db'
import { recordRulePacks } from '../case/rules-repo'
import type { RecordedRuleSet } from '../case/rules-repo'
import { insertScan } from '../case/scan-repo'
import { ENGINE_NAME } from '../engine/yara-engine'
import type { BindingInfo } from '../engine/yara-binding'
import { AppError } from '../model/errors'
import { COMPILER_PROFILE } from './compile-rule-set'
import type { RuleSetPlan } from './compile-rule-set'
import type { RunScanInput } from './run-scan'
import { selectionKey } from './selection'

/** A scan row ready to take results: new, or reopened to resume. */
export interface StartedScan {
  readonly scanId: number
  readonly recorded: RecordedRuleSet
  /** Entries this scan already committed ({@link selectionKey}); empty for a new scan. */
  readonly committed: ReadonlySet<string>
  /** Counters already committed (a resumed scan's progress starts from them). */
  readonly already: { readonly files: number; readonly bytes: number; readonly findings: number }
}

/** Insert a new `running` scan row with its provenance and the `scan.started` audit entry. */
export function startScan(
  input: RunScanInput,
  plan: RuleSetPlan,
  binding: BindingInfo,
  profileKey: string,
): StartedScan {
  const { db } = input
  return db
    .transaction(() => {
      const recorded = recordRulePacks(db, input.packs)
      const scanId = insertScan(db, {
        examiner: input.examiner,
        appVersion: input.appVersion,
        engine: ENGINE_NAME,
        bindingPackage: binding.packageName,
        bindingVersion: binding.version,
        ruleSetSha256: plan.sha256,
        ruleCount: plan.ruleCount,
        compilerOptions: COMPILER_PROFILE,
        limits: input.limits,
        evidenceIds: input.evidence.map((e) => e.id),
        packIds: recorded.packIds,
      })
      const kind = input.kind ?? 'scan'
      db.prepare('UPDATE scans SET profile_key = ?, kind = ? WHERE id = ?').run(
        profileKey,
        kind,
        scanId,
      )
      appendAudit(db, input.caseUuid, {
        actor: input.examiner,
        action: 'scan.started',
        subject: String(scanId),
        details: {
          kind,
          evidence: input.evidence.map((e) => ({ id: e.id, label: e.label })),
          packs: input.packs.map((p) => ({
            name: p.summary.name,
            version: p.summary.version,
            sha256: p.manifestSha256,
          })),
          ruleSetSha256: plan.sha256,
          profileKey,
          limits: input.limits,
        },
      })
      return { scanId, recorded, committed: new Set<string>(), already: NOTHING }
    })
    .immediate()
}

const NOTHING = { files: 0, bytes: 0, findings: 0 }
const RESUMABLE = new Set(['interrupted', 'cancelled'])

interface ResumableRow {
  status: string
  rule_set_sha256: string
  profile_key: string | null
  files_scanned: number
  bytes_scanned: number
  finding_count: number
}

/**
 * Reopen an interrupted or cancelled scan to finish it: the same rules (checked by the rule-set
 * hash and the scan profile), the same evidence, what it committed kept and skipped.
 *
 * @throws AppError `NOT_FOUND`, or `INVALID_INPUT` when the scan cannot be resumed as it was.
 */
export function reopenScan(
  input: RunScanInput,
  scanId: number,
  plan: RuleSetPlan,
  profileKey: string,
): StartedScan {
  const { db } = input
  return db
    .transaction(() => {
      const row = db
        .prepare(
          `SELECT status, rule_set_sha256, profile_key, files_scanned, bytes_scanned, finding_count
           FROM scans WHERE id = ?`,
        )
        .get(scanId) as ResumableRow | undefined
      if (row === undefined) throw new AppError('NOT_FOUND', `There is no scan ${scanId}.`)
      if (!RESUMABLE.has(row.status)) {
        throw new AppError(
          'INVALID_INPUT',
          `Scan ${scanId} is ${row.status}: only an interrupted or cancelled scan can be resumed.`,
        )
      }
      if (row.rule_set_sha256 !== plan.sha256 || row.profile_key !== profileKey) {
        throw new AppError(
          'INVALID_INPUT',
          `Scan ${scanId} ran with other rules or limits than these (a pack changed since?): start a new scan instead.`,
        )
      }
      const recorded = recordRulePacks(db, input.packs)
      db.prepare(
        `UPDATE scans SET status = 'running', finished_at = NULL, error = NULL, host_pid = ?,
           heartbeat_at = ?, resumed_count = resumed_count + 1 WHERE id = ?`,
      ).run(process.pid, new Date().toISOString(), scanId)
      const committed = committedEntries(db, scanId)
      appendAudit(db, input.caseUuid, {
        actor: input.examiner,
        action: 'scan.resumed',
        subject: String(scanId),
        details: { from: row.status, entriesCommitted: committed.size },
      })
      const already = {
        files: row.files_scanned,
        bytes: row.bytes_scanned,
        findings: row.finding_count,
      }
      return { scanId, recorded, committed, already }
    })
    .immediate()
}

function committedEntries(db: Db, scanId: number): Set<string> {
  const rows = db
    .prepare(
      `SELECT f.evidence_id AS evidenceId, f.entry_key AS entryKey FROM scan_files sf
       JOIN files f ON f.id = sf.file_id WHERE sf.scan_id = ?`,
    )
    .iterate(scanId) as IterableIterator<{ evidenceId: number; entryKey: string }>
  const keys = new Set<string>()
  for (const row of rows) keys.add(selectionKey(row.evidenceId, row.entryKey))
  return keys
}
