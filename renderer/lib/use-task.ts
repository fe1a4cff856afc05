import { useCallback, useEffect, useRef, useState } from 'react'
import type { Result } from '../../main/ipc/contract'
import type { TaskKind, TaskProgress } from '../../main/core/model/tasks'
import { invoke, on } from './api'

/** Where a background task stands, as the UI shows it. */
export type TaskStatus = 'idle' | 'running' | 'cancelling' | 'cancelled' | 'done' | 'failed'

/** What {@link useTask} gives a component. */
export interface TaskHandle {
  readonly kind: TaskKind
  readonly status: TaskStatus
  /** The latest `task:progress` of the running (or last) task; null before the first. */
  readonly progress: TaskProgress | null
  readonly isRunning: boolean
  /**
   * Start a task: `call` gets a fresh task id to pass to the channel. A `CANCELLED` answer
   * becomes the "cancelled" status (the caller shows no error for it).
   */
  run<T>(call: (taskId: string) => Promise<Result<T>>): Promise<Result<T>>
  /** Ask main to stop the running task (`task:cancel`). */
  cancel(): Promise<void>
  /** Back to idle (e.g. when the form changes). */
  reset(): void
}

/**
 * A long main-process task with progress and cancel: makes the task id, follows `task:progress`
 * for it, and offers cancel. Pair it with `TaskProgressBar`.
 */
export function useTask(kind: TaskKind): TaskHandle {
  const [status, setStatus] = useState<TaskStatus>('idle')
  const [progress, setProgress] = useState<TaskProgress | null>(null)
  const current = useRef<string | null>(null)

  useEffect(
    () =>
      on('task:progress', (payload) => {
        if (payload.taskId === current.current) setProgress(payload)
      }),
    [],
  )

  const run = useCallback(async <T>(call: (taskId: string) => Promise<Result<T>>) => {
    const taskId = crypto.randomUUID()
    current.current = taskId
    setProgress(null)
    setStatus('running')
    const result = await call(taskId)
    if (current.current === taskId) {
      current.current = null
      if (result.ok) setStatus('done')
      else setStatus(result.error.code === 'CANCELLED' ? 'cancelled' : 'failed')
    }
    return result
  }, [])

  const cancel = useCallback(async () => {
    const taskId = current.current
    if (taskId === null) return
    setStatus('cancelling')
    // An unknown id (the task just ended) is a no-op in main, so the answer needs no handling.
    await invoke('task:cancel', { taskId })
  }, [])

  const reset = useCallback(() => {
    current.current = null
    setProgress(null)
    setStatus('idle')
  }, [])

  return {
    kind,
    status,
    progress,
    isRunning: status === 'running' || status === 'cancelling',
    run,
    cancel,
    reset,
  }
}
