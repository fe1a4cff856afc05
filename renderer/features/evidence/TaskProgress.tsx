import type { Evidence, EvidenceProgress } from '../../../main/core/model/evidence'
import { formatCount, formatSize, percent } from '../../lib/format'
import { attributeText } from '../../lib/text'

/** Props of {@link TaskProgress}. */
export interface TaskProgressProps {
  readonly item: Evidence
  readonly progress: EvidenceProgress
}

/**
 * The running step of an added image: "Listing entries… N", or a bar of the bytes hashed.
 */
export function TaskProgress({ item, progress: p }: TaskProgressProps) {
  if (p.phase === 'listing') {
    return <small className="task-progress">Listing entries… {formatCount(p.done)}</small>
  }
  if (p.phase !== 'hashing') return null
  const done = percent(p.done, p.total)
  return (
    <div className="task-progress progress-row">
      <progress
        aria-label={`Hashing progress of ${attributeText(item.label)}`}
        max={Math.max(p.total, 1)}
        value={done === null ? undefined : p.done}
      />
      <small className="progress-percent">
        {formatSize(p.done)} of {p.total > 0 ? formatSize(p.total) : '?'}
        {done === null ? '' : ` (${done} %)`}
      </small>
    </div>
  )
}
