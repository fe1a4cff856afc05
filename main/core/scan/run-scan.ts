import type { Db } from '../case/open-case-db'
import { ResultsWriter } from '../case/results-writer'
import type { FlushTotals } from '../case/results-writer'
import { RuleLifecycle } from '../case/rule-lifecycle'
import { syncPackSuppressions } from '../case/suppressions-repo'
import { appendAudit } from '../case/audit-log'
import { isDiskFull, scanCannotStart, scanDiskFull } from '../case/disk-full'
import { loadYaraBinding } from '../engine/yara-binding'
import type { Evidence } from '../model/evidence'
import type { ScanLimits, ScanProgress, ScanStatus, ScanSummary } from '../model/scan'
import type { LoadedPack } from '../rules/load-pack'
import type { ScanChildLauncher } from './child/child-handle'
import { blockPlan } from './analysis/block-scan'
import { COMPILER_PROFILE, ensureCompiledRules, planRuleSet } from './compile-rule-set'
import { closeScan } from './close-scan'
import { cachedPathExternals, profileKeyOf } from './dedup/scan-profile'
import { FolderAtimeLog } from './evidence-walk'
import { caseHashSets } from './hash-set-matcher'
import type { ScanControl } from './scan-control'
import { scanAll } from './scan-dispatch'
import { ProgressMeter } from './scan-progress'
import { reopenScan, startScan } from './scan-start'

export { selectionKey } from './selection'

/** Everything a scan needs. */
export interface RunScanInput {
  /** The scan's own write connection to the case database. */
  readonly db: Db
  readonly caseUuid: string
  readonly examiner: string
  readonly appVersion: string
  readonly evidence: readonly Evidence[]
  readonly packs: readonly LoadedPack[]
  readonly limits: ScanLimits
  readonly launcher: ScanChildLauncher
  /** Where compiled rule sets are cached. */
  readonly cacheDir: string
  readonly signal?: AbortSignal
  /** Pause and resume while running. */
  readonly control?: ScanControl
  /** Finish this interrupted or cancelled scan instead of starting a new one. */
  readonly resumeScanId?: number
  /**
   * Reuse earlier results (default true): unchanged entries are not read again, identical
   * content is not given to YARA again. False = every file is read and scanned.
   */
  readonly reuse?: boolean
  /** Nice value of the scan processes (the app lowers it; the CLI leaves it). */
  readonly childPriority?: number
  /** Scan only these entries ({@link selectionKey}: files picked in the evidence browser). */
  readonly onlyEntryKeys?: ReadonlySet<string>
  /** `retro-hunt`: a pack update's new and changed rules over content already in the case. */
  readonly kind?: 'scan' | 'retro-hunt'
  readonly onStarted?: (scanId: number) => void
  readonly onProgress?: (progress: ScanProgress) => void
  /** Called after each batch of results is committed (batch numbers count from 1 per run). */
  readonly onCommitted?: (batch: CommittedBatch) => void
  /** Test hook: the pid of every scan process started. */
  readonly onSpawn?: (pid: number | undefined) => void
}

/** A batch of results the writer committed: durable once this is reported. */
export interface CommittedBatch extends FlushTotals {
  readonly batch: number
}

/** What the dispatch needs about the scan being run. */
export interface ScanContext {
  readonly input: RunScanInput
  readonly scanId: number
  readonly profileKey: string
  readonly pathExternals: readonly string[]
  readonly committed: ReadonlySet<string>
  readonly meter: ProgressMeter
  readonly signal: AbortSignal
  readonly folderAtimes: FolderAtimeLog
}

/**
 * Scan evidence with rule packs into the case: one pass per file (hashes, type, YARA) in
 * killable scan processes, results committed in batches by one writer, every file not fully
 * scanned in the coverage report, every step in the audit log. With `resumeScanId`, finish an
 * interrupted scan from its checkpoint (what it committed is not redone).
 *
 * @throws AppError `RULES_INVALID`, `ENGINE_UNAVAILABLE` or `SCAN_FAILED` (the scan row is then
 *   marked failed); a cancelled scan returns normally with status `cancelled`.
 */
export async function runScan(input: RunScanInput): Promise<ScanSummary> {
  const binding = loadYaraBinding().info
  const bindingId = `${binding.packageName}@${binding.version}`
  const plan = planRuleSet(input.packs)
  const signal = input.signal ?? new AbortController().signal
  const { db } = input
  const pathExternals = cachedPathExternals(
    plan.sha256,
    plan.packs.flatMap((p) => p.sources.map((s) => s.path)),
    input.cacheDir,
  )
  // Rule states and suppressions are read once, here: changes apply to the next scan.
  startingOnFullDisk(db.name, () => {
    syncPackSuppressions(db, input.packs, input.examiner)
  })
  const lifecycle = new RuleLifecycle(
    db,
    input.packs.some((pack) => pack.rules.some((rule) => rule.status !== 'active')),
  )
  const baseProfileKey = profileKeyOf({
    appVersion: input.appVersion,
    ruleSetSha256: plan.sha256,
    bindingId,
    compilerProfile: COMPILER_PROFILE,
    limits: input.limits,
    ...blockPlan(input.limits),
    pathExternals,
  })
  const profileKey = lifecycle.profileKey(baseProfileKey)
  const started = startingOnFullDisk(db.name, () =>
    input.resumeScanId === undefined
      ? startScan(input, plan, binding, profileKey)
      : reopenScan(input, input.resumeScanId, plan, profileKey),
  )
  const { scanId } = started
  input.onStarted?.(scanId)
  const meter = new ProgressMeter(scanId, started.already)
  const folderAtimes = new FolderAtimeLog()
  input.onProgress?.(meter.snapshot('compiling', 'running'))
  let status: Exclude<ScanStatus, 'running'> = 'completed'
  let failure: unknown = null
  try {
    const compiled = await ensureCompiledRules(plan, {
      launcher: input.launcher,
      cacheDir: input.cacheDir,
      bindingId,
    })
    appendAudit(db, input.caseUuid, {
      actor: input.examiner,
      action: 'scan.rules-compiled',
      subject: String(scanId),
      details: {
        ruleSetSha256: plan.sha256,
        cached: compiled.cached,
        warnings: compiled.diagnostics.filter((d) => d.severity === 'warning').length,
        engineWorkaround: compiled.workaround,
        pathExternals,
      },
    })
    const hashSets = caseHashSets(db)
    const writer = new ResultsWriter(db, scanId, started.recorded, hashSets, profileKey, lifecycle)
    const context: ScanContext = {
      input,
      scanId,
      profileKey,
      pathExternals,
      committed: started.committed,
      meter,
      signal,
      folderAtimes,
    }
    status = await scanAll(context, writer, compiled.compiledPath)
    auditLifecycle(input, scanId, lifecycle)
  } catch (error: unknown) {
    // A full disk is not the scan's fault: it stops resumable, with what to do in its error.
    const full = isDiskFull(error)
    status = full ? 'interrupted' : 'failed'
    failure = full ? scanDiskFull(db.name, scanId, error) : error
  }
  return closeScan(input, scanId, status, failure, meter, folderAtimes)
}

/** A write before the scan exists, on a full disk: nothing changed, and a clear error. */
function startingOnFullDisk<T>(casePath: string, write: () => T): T {
  try {
    return write()
  } catch (error: unknown) {
    if (isDiskFull(error)) throw scanCannotStart(casePath, error)
    throw error
  }
}

/** What the case's rule states and suppressions did to this scan (only when they did anything). */
function auditLifecycle(input: RunScanInput, scanId: number, lifecycle: RuleLifecycle): void {
  const inEffect = lifecycle.inEffect
  if (inEffect.disabled + inEffect.testing + inEffect.suppressions === 0) return
  appendAudit(input.db, input.caseUuid, {
    actor: input.examiner,
    action: 'scan.rule-lifecycle',
    subject: String(scanId),
    details: { inEffect, ...lifecycle.totals },
  })
}
