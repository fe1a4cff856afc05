import { appendAudit } from '../case/audit-log'
import type { Db } from '../case/open-case-db'
import { ResultsWriter } from '../case/results-writer'
import type { ProcessedFile } from '../case/results-writer'
import { recordRulePacks } from '../case/rules-repo'
import { insertScan } from '../case/scan-repo'
import { ENGINE_NAME } from '../engine/yara-engine'
import { loadYaraBinding } from '../engine/yara-binding'
import { AppError } from '../model/errors'
import type { Evidence } from '../model/evidence'
import type { WalkObserver } from '../evidence/folder-walker'
import type { ScanLimits, ScanProgress, ScanStatus, ScanSummary } from '../model/scan'
import type { LoadedPack } from '../rules/load-pack'
import type { ScanChildLauncher } from './child/child-handle'
import { COMPILER_PROFILE, ensureCompiledRules, planRuleSet } from './compile-rule-set'
import { closeScan } from './close-scan'
import { throttled } from './throttle'
import { FolderAtimeLog } from './evidence-walk'
import { censusOf, evidenceItems } from './work-items'
import type { WorkItem } from './work-items'
import { ScanPool } from './scan-pool'
import type { PoolOutcome } from './scan-pool'
import { ProgressMeter } from './scan-progress'

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
  /** Scan only these entries ({@link selectionKey}: files picked in the evidence browser). */
  readonly onlyEntryKeys?: ReadonlySet<string>
  readonly onStarted?: (scanId: number) => void
  readonly onProgress?: (progress: ScanProgress) => void
  /** Test hook: the pid of every scan process started. */
  readonly onSpawn?: (pid: number | undefined) => void
}

const FLUSH_EVERY_FILES = 64
const FLUSH_EVERY_MS = 500
const PROGRESS_EVERY_MS = 200
/** A hung read (a dying disk) is given this long before its process is killed. */
const READ_DEADLINE_MS = 10 * 60 * 1000

/**
 * Scan evidence with rule packs into the case: one pass per file (hashes, type, YARA) in
 * killable scan processes, results committed in batches by one writer, every file not fully
 * scanned in the coverage report, every step in the audit log.
 *
 * @throws AppError `RULES_INVALID`, `ENGINE_UNAVAILABLE` or `SCAN_FAILED` (the scan row is then
 *   marked failed); a cancelled scan returns normally with status `cancelled`.
 */
export async function runScan(input: RunScanInput): Promise<ScanSummary> {
  const binding = loadYaraBinding().info
  const plan = planRuleSet(input.packs)
  const signal = input.signal ?? new AbortController().signal
  const { db } = input
  const { scanId, recorded } = db
    .transaction(() => {
      const recorded = recordRulePacks(db, input.packs)
      const id = insertScan(db, {
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
      appendAudit(db, input.caseUuid, {
        actor: input.examiner,
        action: 'scan.started',
        subject: String(id),
        details: {
          evidence: input.evidence.map((e) => ({ id: e.id, label: e.label })),
          packs: input.packs.map((p) => ({
            name: p.summary.name,
            version: p.summary.version,
            sha256: p.manifestSha256,
          })),
          ruleSetSha256: plan.sha256,
          limits: input.limits,
        },
      })
      return { scanId: id, recorded }
    })
    .immediate()
  input.onStarted?.(scanId)
  const meter = new ProgressMeter(scanId)
  const folderAtimes = new FolderAtimeLog()
  input.onProgress?.(meter.snapshot('compiling', 'running'))
  let status: Exclude<ScanStatus, 'running'> = 'completed'
  let failure: unknown = null
  try {
    const compiled = await ensureCompiledRules(plan, {
      launcher: input.launcher,
      cacheDir: input.cacheDir,
      bindingId: `${binding.packageName}@${binding.version}`,
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
      },
    })
    const writer = new ResultsWriter(db, scanId, recorded)
    status = await scanAll(input, writer, compiled.compiledPath, meter, signal, folderAtimes)
  } catch (error: unknown) {
    status = 'failed'
    failure = error
  }
  return closeScan(input, scanId, status, failure, meter, folderAtimes)
}

async function scanAll(
  input: RunScanInput,
  writer: ResultsWriter,
  compiledPath: string,
  meter: ProgressMeter,
  signal: AbortSignal,
  folderAtimes: FolderAtimeLog,
): Promise<'completed' | 'cancelled'> {
  const pool = await ScanPool.start({
    launcher: input.launcher,
    size: input.limits.processes,
    compiledPath,
    limits: input.limits,
    hardDeadlineMs: input.limits.hardDeadlineMs,
    readDeadlineMs: READ_DEADLINE_MS,
    ...(input.onSpawn === undefined ? {} : { onSpawn: input.onSpawn }),
  })
  const observerFor = folderAtimes.observerFor.bind(folderAtimes)
  const census = censusOf(
    input.db,
    input.evidence,
    (bytes) => {
      meter.counted(bytes)
    },
    signal,
    observerFor,
  ).then(() => {
    meter.walkComplete = !signal.aborted
  })
  const emitter = throttled(
    () => input.onProgress?.(meter.snapshot('scanning', 'running')),
    PROGRESS_EVERY_MS,
  )
  const flusher = throttled(() => {
    if (writer.pending > 0) meter.findings += writer.flush().findings
  }, FLUSH_EVERY_MS)
  const record = (file: ProcessedFile): void => {
    writer.add(file)
    if (file.facts.kind === 'file' || file.facts.kind === 'unallocated')
      meter.done(file.result?.sizeBytes ?? 0)
    if (writer.pending >= FLUSH_EVERY_FILES) flusher.now()
    else flusher.maybe()
    emitter.maybe()
  }
  try {
    await dispatchAll(input, pool, record, writer, signal, observerFor)
  } finally {
    pool.close()
    await census
    flusher.now()
  }
  input.onProgress?.(meter.snapshot('finishing', 'running'))
  return signal.aborted ? 'cancelled' : 'completed'
}

async function dispatchAll(
  input: RunScanInput,
  pool: ScanPool,
  record: (file: ProcessedFile) => void,
  writer: ResultsWriter,
  signal: AbortSignal,
  observerFor: (evidence: Evidence) => WalkObserver,
): Promise<void> {
  const inflight = new Set<Promise<void>>()
  const window = Math.max(2, input.limits.processes * 2)
  for (const evidence of input.evidence) {
    for await (const item of evidenceItems(input.db, evidence, observerFor(evidence))) {
      if (signal.aborted) break
      if (!isSelected(item, input.onlyEntryKeys)) continue
      if (item.kind === 'loose') {
        writer.addLoose(item.entry)
        continue
      }
      if (item.kind === 'record') {
        record({ facts: item.facts, result: null, notes: item.notes })
        continue
      }
      const job = pool.submit(item.job).then((outcome) => {
        record({ facts: item.facts, ...fromOutcome(outcome) })
      })
      const tracked = job.finally(() => inflight.delete(tracked))
      inflight.add(tracked)
      if (inflight.size >= window) await Promise.race(inflight)
    }
    if (signal.aborted) break
  }
  const settled = await Promise.allSettled(inflight)
  const failed = settled.find((s) => s.status === 'rejected')
  if (failed && !(signal.aborted && isCancel(failed.reason))) throw failed.reason
}

/** How a chosen file is named in {@link RunScanInput.onlyEntryKeys}. */
export function selectionKey(evidenceId: number, entryKey: string): string {
  return `${evidenceId}\u0000${entryKey}`
}

function isSelected(item: WorkItem, only: ReadonlySet<string> | undefined): boolean {
  if (only === undefined) return true
  return item.kind !== 'loose' && only.has(selectionKey(item.facts.evidenceId, item.facts.entryKey))
}

function fromOutcome(outcome: PoolOutcome): Pick<ProcessedFile, 'result' | 'notes'> {
  switch (outcome.kind) {
    case 'result':
      return { result: outcome.result, notes: [] }
    case 'timeout':
      return { result: null, notes: [{ reason: 'timeout', detail: outcome.detail }] }
    case 'crashed':
      return { result: null, notes: [{ reason: 'process-crashed', detail: outcome.detail }] }
    case 'failed':
      return { result: null, notes: [{ reason: 'unreadable', detail: outcome.detail }] }
  }
}

function isCancel(error: unknown): boolean {
  return error instanceof AppError && error.code === 'CANCELLED'
}
