import { AppError } from '../core/model/errors'
import type { TaskKind, TaskProgress } from '../core/model/tasks'
import type { EventSink } from './ports'

/** The fewest milliseconds between two `task:progress` events of one task (≤ 10 a second). */
export const TASK_PROGRESS_INTERVAL_MS = 100

/** What a running task uses: its cancel signal and its progress report. */
export interface TaskContext {
  readonly signal: AbortSignal
  readonly progress: (phase: string, done: number, total: number | null) => void
}

interface RunningTask {
  readonly controller: AbortController
}

/**
 * The background tasks of the app: each has an id the renderer chose (so it can listen and
 * cancel before the call returns), throttled `task:progress` events and a cancel.
 *
 * A task that is cancelled ends with AppError `CANCELLED`; the work itself makes sure nothing is
 * left behind (see the callers).
 */
export class TaskRegistry {
  private readonly running = new Map<string, RunningTask>()

  constructor(private readonly events: EventSink) {}

  /**
   * Run `work` as task `taskId` (a fresh id is made when the caller gave none). The final event
   * reports the last phase as complete (`done === total`) when the work succeeds.
   *
   * @throws AppError `INVALID_INPUT` when a task with that id is already running.
   */
  async run<T>(
    taskId: string | undefined,
    kind: TaskKind,
    work: (context: TaskContext) => Promise<T>,
  ): Promise<T> {
    const id = taskId ?? crypto.randomUUID()
    if (this.running.has(id)) {
      throw new AppError('INVALID_INPUT', `Task ${id} is already running; start it once.`)
    }
    const controller = new AbortController()
    this.running.set(id, { controller })
    let last: Omit<TaskProgress, 'taskId' | 'kind'> | null = null
    const timing = { lastEmit: 0, pending: false }
    const emit = (): void => {
      if (last === null) return
      timing.pending = false
      timing.lastEmit = Date.now()
      this.events.emit('task:progress', { taskId: id, kind, ...last })
    }
    const context: TaskContext = {
      signal: controller.signal,
      progress: (phase, done, total) => {
        last = { phase, done, total }
        if (Date.now() - timing.lastEmit >= TASK_PROGRESS_INTERVAL_MS) emit()
        else timing.pending = true
      },
    }
    try {
      const result = await work(context)
      const final = last as Omit<TaskProgress, 'taskId' | 'kind'> | null
      const total = final?.total ?? 1
      last = { phase: final?.phase ?? 'done', done: total, total }
      emit()
      return result
    } catch (error: unknown) {
      if (timing.pending) emit()
      throw error
    } finally {
      this.running.delete(id)
    }
  }

  /**
   * Ask a running task to stop. An unknown id is not an error: the task may have finished just
   * before the analyst pressed Cancel (returns false then).
   */
  cancel(taskId: string): boolean {
    const task = this.running.get(taskId)
    if (task === undefined) return false
    task.controller.abort()
    return true
  }

  /** Cancel every running task (the case closes, the app quits). */
  cancelAll(): void {
    for (const task of this.running.values()) task.controller.abort()
  }

  /** The ids of the running tasks. */
  ids(): string[] {
    return [...this.running.keys()]
  }
}
