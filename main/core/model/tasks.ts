/** The kinds of long work that run in the background with progress and cancel. */
export const TASK_KINDS = ['export', 'verify', 'import', 'rule-test'] as const

export type TaskKind = (typeof TASK_KINDS)[number]

/**
 * Progress of one background task (`task:progress`), at most ten a second per task.
 *
 * `done`/`total` count the current unit (steps of an export, files of a bundle, findings of an
 * import); `total` is null while unknown. The last event of a finished task has `done === total`.
 */
export interface TaskProgress {
  /** The id the renderer chose when it started the task (a UUID). */
  readonly taskId: string
  readonly kind: TaskKind
  readonly phase: string
  readonly done: number
  readonly total: number | null
}
