import { formatCount } from '../lib/format'
import type { TaskHandle } from '../lib/use-task'

/** Props of {@link TaskProgressBar}. */
export interface TaskProgressBarProps {
  readonly task: TaskHandle
  /** What runs, for the bar's name: "Export", "Verification", "Import", "Rule test". */
  readonly label: string
}

/**
 * A background task's progress: a bar (indeterminate while the total is unknown), the phase and
 * the count, and a Cancel button; after a cancel, "Cancelled — nothing was written".
 */
export function TaskProgressBar({ task, label }: TaskProgressBarProps) {
  if (task.status === 'cancelled') {
    return (
      <p role="status" className="notice task-cancelled">
        {label} cancelled — nothing was written.
      </p>
    )
  }
  if (!task.isRunning) return null
  const p = task.progress
  const total = p?.total ?? null
  const phase = p === null ? 'Starting' : capitalize(p.phase)
  return (
    <div className="task-progress-bar" role="group" aria-label={`${label} in progress`}>
      <progress
        aria-label={`${label} progress`}
        max={total === null ? undefined : Math.max(total, 1)}
        value={total === null || p === null ? undefined : Math.min(p.done, total)}
      />
      <span className="task-progress-text" aria-live="polite">
        {phase}
        {p !== null && total !== null ? ` — ${formatCount(p.done)} of ${formatCount(total)}` : '…'}
      </span>
      <button
        type="button"
        onClick={() => void task.cancel()}
        disabled={task.status === 'cancelling'}
      >
        {task.status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  )
}

function capitalize(text: string): string {
  return text.length === 0 ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}
