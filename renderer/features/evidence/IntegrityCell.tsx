import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { Evidence, EvidenceProgress } from '../../../main/core/model/evidence'
import { invoke } from '../../lib/api'
import { attributeText } from '../../lib/text'
import { Badge } from '../../components/Badge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import {
  currentIntegrity,
  integrityExplanation,
  integrityLabel,
  integrityTone,
  isTaskRunning,
} from './integrity'
import { TaskProgress } from './TaskProgress'

/** Props of {@link IntegrityCell}. */
export interface IntegrityCellProps {
  readonly item: Evidence
  /** The latest `evidence:progress` of this item, if any arrived. */
  readonly progress: EvidenceProgress | undefined
}

/**
 * The integrity of an image: a status badge (Pending, Hashing, Verified, Computed, MISMATCH,
 * Cancelled, Failed), the listing or hashing progress with "Cancel hashing", and the detail of
 * a mismatch or failure. Folders and files show a dash.
 *
 * The badge alone is the live status, so a screen reader hears state changes, not every
 * progress tick.
 */
export function IntegrityCell({ item, progress }: IntegrityCellProps) {
  const [error, setError] = useState<ErrorInfo>()
  const [isCancelling, setIsCancelling] = useState(false)
  const state = currentIntegrity(item, progress)
  if (item.kind !== 'image' && state === 'not-applicable') return <span className="muted">—</span>

  async function cancel() {
    setIsCancelling(true)
    setError(undefined)
    const cancelled = await invoke('evidence:cancelTask', { evidenceId: item.id })
    setIsCancelling(false)
    if (!cancelled.ok) setError(cancelled.error)
  }

  const explanation = integrityExplanation(item, state)
  const isRunning = isTaskRunning(item, progress)
  return (
    <div className={`integrity integrity-${state}`}>
      <span role="status" aria-label={`Integrity of ${attributeText(item.label)}`}>
        <Badge tone={integrityTone(state)}>{integrityLabel(state)}</Badge>
      </span>
      {explanation !== null && <small className="integrity-explanation">{explanation}</small>}
      {(state === 'mismatch' || state === 'failed') && (
        <small className="integrity-detail">
          <SafeText value={item.integrityDetail} max={1000} fallback="No detail recorded." />
        </small>
      )}
      {progress !== undefined && isRunning && <TaskProgress item={item} progress={progress} />}
      {isRunning && (
        <button type="button" disabled={isCancelling} onClick={() => void cancel()}>
          Cancel hashing
        </button>
      )}
      {error !== undefined && <ErrorNotice error={error} title="Could not cancel hashing" />}
    </div>
  )
}
