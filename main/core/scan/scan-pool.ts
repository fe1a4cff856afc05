import { setPriority } from 'node:os'
import { AppError } from '../model/errors'
import type { ScanChildHandle, ScanChildLauncher } from './child/child-handle'
import { YARA_STARTED_MIN_BYTES } from './child/protocol'
import type {
  ChildLookups,
  ChildRequest,
  ChildResponse,
  ChildScanLimits,
  FileScanResult,
} from './child/protocol'

/** How one file's scan ended, from the pool's point of view. */
export type PoolOutcome =
  | { readonly kind: 'result'; readonly result: FileScanResult }
  | { readonly kind: 'failed'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly detail: string }
  | { readonly kind: 'crashed'; readonly detail: string }

/** Pool settings. */
export interface ScanPoolOptions {
  readonly launcher: ScanChildLauncher
  readonly size: number
  readonly compiledPath: string
  readonly limits: ChildScanLimits
  /** Kill the process when YARA has run this long on one file (backs up the engine timeout). */
  readonly hardDeadlineMs: number
  /** Kill the process when reading one file takes this long (a hung device). */
  readonly readDeadlineMs: number
  /** Dedup and known-good lookups each process makes (absent: every file is scanned). */
  readonly lookups?: ChildLookups
  /** How long a new process may take to load the compiled rules. */
  readonly loadDeadlineMs?: number
  /**
   * OS scheduling priority of the scan processes (nice value, 0–19; 10 in the app so the
   * interface stays responsive on a busy laptop). Absent: inherited.
   */
  readonly priority?: number
  /** Test hook: called with each new process's pid. */
  readonly onSpawn?: (pid: number | undefined) => void
}

/** What to scan: a host file, or content made of extents of an image. */
export type PoolJob =
  | Omit<Extract<ChildRequest, { type: 'scanFile' }>, 'jobId'>
  | Omit<Extract<ChildRequest, { type: 'scanExtents' }>, 'jobId'>
  | Omit<Extract<ChildRequest, { type: 'scanEntry' }>, 'jobId'>

interface Job {
  readonly request: PoolJob
  /** Content bytes, to keep the queue in a process short when files are large. */
  readonly bytes: number
  readonly resolve: (outcome: PoolOutcome) => void
  readonly reject: (error: unknown) => void
}

interface SentJob {
  readonly job: Job
  readonly jobId: number
}

interface Slot {
  readonly handle: ScanChildHandle
  state: 'loading' | 'ready' | 'dead'
  /** Jobs sent to the process, in order: the first is the one it works on. */
  jobs: SentJob[]
  timer: NodeJS.Timeout | null
  killedFor: string | null
}

const MAX_FAILED_STARTS = 3
/**
 * Jobs sent to each process at once: the one it scans and the next ones, queued in the process,
 * so it never waits for the parent between two files — not even through a batch commit (tens
 * of ms with its fsync) or a slow step of the walk. Only the one in hand has started: if the
 * process dies, the others go back to the pool. Small messages, so a deep queue costs nothing.
 */
const JOBS_PER_PROCESS = 16
/** …but no more queued bytes than this behind the file in hand (a pause takes effect soon). */
const QUEUED_BYTES_PER_PROCESS = 8 * 1024 * 1024

/**
 * A pool of killable scan processes, each with the compiled rules loaded.
 *
 * A file that outlives the hard deadline, or whose process dies, resolves as `timeout` or
 * `crashed` and its process is replaced: the scan goes on. The job queued behind it in that
 * process never started: it goes back to the pool's queue.
 */
export class ScanPool {
  private readonly slots = new Set<Slot>()
  private readonly queue: Job[] = []
  private nextJobId = 1
  private failedStarts = 0
  private closed = false
  private fatal: AppError | null = null
  private readonly waitingForLoad: (() => void)[] = []

  private constructor(private readonly options: ScanPoolOptions) {}

  /**
   * Start `size` processes and wait until at least one has loaded the rules.
   *
   * @throws AppError `SCAN_FAILED` when processes cannot start or load the rules.
   */
  static async start(options: ScanPoolOptions): Promise<ScanPool> {
    const pool = new ScanPool(options)
    for (let i = 0; i < Math.max(1, options.size); i += 1) pool.spawn()
    await new Promise<void>((resolve, reject) => {
      pool.waitingForLoad.push(() => {
        if (pool.fatal) reject(pool.fatal)
        else resolve()
      })
    })
    return pool
  }

  /** Jobs a pool of `size` processes holds at once: enough to keep every process fed. */
  static capacityFor(size: number): number {
    return Math.max(1, size) * JOBS_PER_PROCESS
  }

  /** Scan one file of `bytes`; resolves when its process answers, times out or dies. */
  submit(request: PoolJob, bytes = 0): Promise<PoolOutcome> {
    if (this.fatal) return Promise.reject(this.fatal)
    return new Promise<PoolOutcome>((resolve, reject) => {
      this.queue.push({ request, bytes, resolve, reject })
      this.pump()
    })
  }

  /** Kill every process; jobs still waiting are rejected with `CANCELLED`. */
  close(): void {
    this.closed = true
    const cancelled = new AppError('CANCELLED', 'The scan was stopped.')
    for (const job of this.queue.splice(0)) job.reject(cancelled)
    for (const slot of this.slots) {
      this.clearTimer(slot)
      for (const sent of slot.jobs.splice(0)) sent.job.reject(cancelled)
      slot.handle.kill()
    }
  }

  private spawn(): void {
    const handle = this.options.launcher.launch()
    const slot: Slot = { handle, state: 'loading', jobs: [], timer: null, killedFor: null }
    this.slots.add(slot)
    if (this.options.priority !== undefined && handle.pid !== undefined) {
      try {
        setPriority(handle.pid, this.options.priority)
      } catch {
        // Not allowed here (or the process is already gone): it runs at normal priority.
      }
    }
    this.options.onSpawn?.(handle.pid)
    handle.onMessage((message) => {
      this.onMessage(slot, message)
    })
    handle.onExit((code, signal) => {
      this.onExit(slot, code, signal)
    })
    handle.send({
      type: 'load',
      requestId: 1,
      compiledPath: this.options.compiledPath,
      limits: this.options.limits,
      ...(this.options.lookups === undefined ? {} : { lookups: this.options.lookups }),
    })
    this.arm(slot, this.options.loadDeadlineMs ?? 120_000, 'loading the rules took too long')
  }

  private onMessage(slot: Slot, message: ChildResponse): void {
    const current = slot.jobs[0]
    switch (message.type) {
      case 'loaded':
        this.clearTimer(slot)
        slot.state = 'ready'
        this.failedStarts = 0
        this.notifyLoaded()
        this.pump()
        return
      case 'requestFailed':
        this.fail(`a scan process could not load the rules: ${message.message}`)
        return
      case 'yaraStarted':
        if (message.jobId === current?.jobId)
          this.arm(slot, this.options.hardDeadlineMs, 'hard deadline')
        return
      case 'fileResult':
        if (message.jobId === current?.jobId)
          this.finishJob(slot, { kind: 'result', result: message.result })
        return
      case 'jobFailed':
        if (message.jobId === current?.jobId)
          this.finishJob(slot, { kind: 'failed', detail: `${message.code}: ${message.message}` })
        return
      case 'ready':
      case 'compiled':
      case 'hashProgress':
      case 'hashResult':
        return
    }
  }

  private onExit(slot: Slot, code: number | null, signal: string | null): void {
    this.clearTimer(slot)
    const wasLoading = slot.state === 'loading'
    slot.state = 'dead'
    this.slots.delete(slot)
    const [current, ...queued] = slot.jobs.splice(0)
    // Jobs queued behind the one in hand never started: another process takes them.
    this.queue.unshift(...queued.map((sent) => sent.job))
    current?.job.resolve(
      slot.killedFor === 'hard deadline'
        ? {
            kind: 'timeout',
            detail: `killed at the ${this.options.hardDeadlineMs} ms hard deadline`,
          }
        : slot.killedFor !== null
          ? { kind: 'timeout', detail: slot.killedFor }
          : {
              kind: 'crashed',
              detail: `the scan process exited (code ${String(code)}, signal ${String(signal)})`,
            },
    )
    if (this.closed) return
    if (wasLoading) this.failedStarts += 1
    if (this.failedStarts >= MAX_FAILED_STARTS) {
      this.fail(`scan processes failed to start ${MAX_FAILED_STARTS} times in a row`)
      return
    }
    this.spawn()
  }

  private finishJob(slot: Slot, outcome: PoolOutcome): void {
    this.clearTimer(slot)
    slot.jobs.shift()?.job.resolve(outcome)
    // The process starts its next queued job at once (it handles them strictly in order).
    if (slot.jobs.length > 0) this.armStart(slot)
    this.pump()
  }

  /**
   * The deadline of the job a process starts: small content is read, hashed and scanned under
   * the hard deadline; large content gets the read deadline until its `yaraStarted`.
   */
  private armStart(slot: Slot): void {
    const head = slot.jobs[0]
    if (head === undefined) return
    if (head.job.bytes < YARA_STARTED_MIN_BYTES) {
      this.arm(slot, this.options.hardDeadlineMs, 'hard deadline')
      return
    }
    this.arm(
      slot,
      this.options.readDeadlineMs,
      `reading the file took longer than ${this.options.readDeadlineMs} ms`,
    )
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.state === 'ready' && slot.jobs.length < JOBS_PER_PROCESS) {
        const next = this.queue[0]
        if (next === undefined) return
        if (slot.jobs.length > 1 && queuedBytes(slot) + next.bytes > QUEUED_BYTES_PER_PROCESS) break
        const job = this.queue.shift() as Job
        const jobId = this.nextJobId++
        slot.jobs.push({ job, jobId })
        slot.handle.send({ ...job.request, jobId })
        if (slot.jobs.length === 1) this.armStart(slot)
      }
    }
  }

  private arm(slot: Slot, ms: number, reason: string): void {
    this.clearTimer(slot)
    slot.timer = setTimeout(() => {
      slot.killedFor = reason
      slot.handle.kill()
    }, ms)
  }

  private clearTimer(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer)
    slot.timer = null
  }

  private notifyLoaded(): void {
    for (const waiter of this.waitingForLoad.splice(0)) waiter()
  }

  private fail(message: string): void {
    this.fatal ??= new AppError('SCAN_FAILED', message)
    this.notifyLoaded()
    const fatal = this.fatal
    for (const job of this.queue.splice(0)) job.reject(fatal)
    this.close()
  }
}

/** Bytes of the jobs queued behind the one a process has in hand. */
function queuedBytes(slot: Slot): number {
  let total = 0
  for (let i = 1; i < slot.jobs.length; i += 1) total += slot.jobs[i]?.job.bytes ?? 0
  return total
}
