import type { ProcessedFile, ResultsWriter } from '../case/results-writer'
import { offsetThroughRuns } from '../case/copy-findings'
import { AppError } from '../model/errors'
import type { Evidence } from '../model/evidence'
import type { WalkObserver } from '../evidence/folder-walker'
import type { ScanContext } from './run-scan'
import { ReuseLookup } from './dedup/reuse-lookup'
import { ScanPool } from './scan-pool'
import type { PoolJob, PoolOutcome, ScanPoolOptions } from './scan-pool'
import { selectionKey } from './selection'
import { throttled } from './throttle'
import { censusOf, evidenceItems } from './work-items'
import type { WorkItem } from './work-items'

// A commit costs an fsync (~20 ms on this VM's disk): batches of up to 1,000 files or 1 s. A
// crash loses at most that much work, which a resume redoes.
const FLUSH_EVERY_FILES = 1000
const FLUSH_EVERY_MS = 1000
const PROGRESS_EVERY_MS = 200
/** A hung read (a dying disk) is given this long before its process is killed. */
const READ_DEADLINE_MS = 10 * 60 * 1000

/**
 * Walk the evidence and feed the scan processes, a bounded window of files ahead; commit each
 * result through the writer in batches. Returns `cancelled` when the signal aborted.
 */
export async function scanAll(
  context: ScanContext,
  writer: ResultsWriter,
  compiledPath: string,
): Promise<'completed' | 'cancelled'> {
  const { input, meter, signal } = context
  // Started at the first file that needs YARA: a re-scan of unchanged evidence needs none.
  const lazy: { pool: Promise<ScanPool> | null } = { pool: null }
  const options: ScanPoolOptions = {
    launcher: input.launcher,
    size: input.limits.processes,
    compiledPath,
    limits: input.limits,
    hardDeadlineMs: input.limits.hardDeadlineMs,
    readDeadlineMs: READ_DEADLINE_MS,
    ...(input.reuse === false
      ? {}
      : {
          lookups: {
            casePath: input.db.name,
            profileKey: context.profileKey,
            pathExternals: context.pathExternals,
          },
        }),
    ...(input.onSpawn === undefined ? {} : { onSpawn: input.onSpawn }),
    ...(input.childPriority === undefined ? {} : { priority: input.childPriority }),
  }
  const pool = (): Promise<ScanPool> => (lazy.pool ??= ScanPool.start(options))
  const observerFor = context.folderAtimes.observerFor.bind(context.folderAtimes)
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
  const emit = (): void => input.onProgress?.(meter.snapshot(phase(), 'running'))
  const phase = (): 'paused' | 'scanning' =>
    input.control?.paused === true ? 'paused' : 'scanning'
  const emitter = throttled(emit, PROGRESS_EVERY_MS)
  const unsubscribe = input.control?.onChange(emit)
  let batch = 0
  const flusher = throttled(() => {
    if (writer.pending === 0) return
    const committed = writer.flush()
    meter.findings += committed.findings
    batch += 1
    // Only after the commit returned: what a crash test may count on being in the case.
    input.onCommitted?.({ batch, ...committed })
  }, FLUSH_EVERY_MS)
  const record = (file: ProcessedFile): void => {
    writer.add(file)
    if (file.facts.kind === 'file' || file.facts.kind === 'unallocated')
      meter.done(file.result?.sizeBytes ?? (file.reuse ? file.facts.sizeBytes : 0))
    if (writer.pending >= FLUSH_EVERY_FILES) flusher.now()
    else flusher.maybe()
    emitter.maybe()
  }
  try {
    await dispatchAll(context, pool, record, writer, observerFor)
  } finally {
    unsubscribe?.()
    if (lazy.pool !== null) (await lazy.pool.catch(() => null))?.close()
    await census
    flusher.now()
  }
  input.onProgress?.(meter.snapshot('finishing', 'running'))
  return signal.aborted ? 'cancelled' : 'completed'
}

async function dispatchAll(
  context: ScanContext,
  pool: () => Promise<ScanPool>,
  record: (file: ProcessedFile) => void,
  writer: ResultsWriter,
  observerFor: (evidence: Evidence) => WalkObserver,
): Promise<void> {
  const { input, signal, committed } = context
  const reuse =
    input.reuse === false ? null : new ReuseLookup(input.db, context.scanId, context.profileKey)
  const inflight = new Set<Promise<void>>()
  // Enough files in flight to fill every process's queue, plus some ready in the pool for
  // whichever finishes first.
  const window =
    ScanPool.capacityFor(input.limits.processes) + 4 * Math.max(1, input.limits.processes)
  for (const evidence of input.evidence) {
    for await (const item of evidenceItems(input.db, evidence, observerFor(evidence))) {
      if (signal.aborted) break
      if (!isSelected(item, input.onlyEntryKeys)) continue
      if (item.kind === 'loose') {
        writer.addLoose(item.entry)
        continue
      }
      // Resume: what this scan committed before it was interrupted is not redone.
      if (committed.has(selectionKey(item.facts.evidenceId, item.facts.entryKey))) continue
      if (item.kind === 'record') {
        record({ facts: item.facts, result: null, notes: item.notes })
        continue
      }
      if (input.control?.paused === true) {
        await input.control.whileRunning(signal)
        if (stopped(signal)) break
      }
      const imageOffset = imageOffsetOf(item.job)
      const source = reuse?.unchanged(item.facts) ?? null
      if (source !== null) {
        record({
          facts: item.facts,
          result: null,
          notes: [],
          reuse: {
            how: 'unchanged',
            from: { scanId: source.scanId, fileId: source.fileId },
            contentKey: source.contentKey,
            stored: source.stored,
            hasResults: source.hasResults,
          },
          ...(imageOffset === undefined ? {} : { imageOffset }),
        })
        continue
      }
      const running = await pool()
      const job = running.submit(item.job, item.bytes).then((outcome) => {
        record({
          facts: item.facts,
          ...fromOutcome(outcome),
          ...(imageOffset === undefined ? {} : { imageOffset }),
        })
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

/** Read through a call: the signal may have aborted while we awaited. */
function stopped(signal: AbortSignal): boolean {
  return signal.aborted
}

/** Content read from image extents maps to image offsets through them (for linked findings). */
function imageOffsetOf(job: PoolJob): ((offset: number) => number | null) | undefined {
  if (job.type !== 'scanExtents') return undefined
  return (offset) => offsetThroughRuns(job.extents, offset)
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
