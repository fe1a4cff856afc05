import type { TriageStatus } from '../../../main/core/model/findings'
import { triageLabel } from '../findings/triage-labels'
import { TRIAGE_CHOICES } from './export-draft'

/** Props of {@link TriageFieldset}. */
export interface TriageFieldsetProps {
  readonly value: readonly TriageStatus[]
  readonly onChange: (value: readonly TriageStatus[]) => void
}

/**
 * "Triage statuses to include": one checkbox per status, in the usual order.
 */
export function TriageFieldset({ value, onChange }: TriageFieldsetProps) {
  function toggle(status: TriageStatus, isChecked: boolean) {
    const next = isChecked ? [...value, status] : value.filter((s) => s !== status)
    onChange(TRIAGE_CHOICES.filter((s) => next.includes(s)))
  }
  return (
    <fieldset className="inline-checks">
      <legend>Triage statuses to include</legend>
      {TRIAGE_CHOICES.map((status) => (
        <label key={status} className="check">
          <input
            type="checkbox"
            checked={value.includes(status)}
            onChange={(e) => {
              toggle(status, e.target.checked)
            }}
          />{' '}
          {triageLabel(status)}
        </label>
      ))}
    </fieldset>
  )
}
