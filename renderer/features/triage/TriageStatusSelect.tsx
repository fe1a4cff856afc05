import { useId } from 'react'
import type { TriageStatus } from '../../../main/core/model/findings'
import { triageLabel } from '../findings/triage-labels'
import { keyForTriage, TRIAGE_ORDER } from './triage-shortcuts'

/** Props of {@link TriageStatusSelect}. */
export interface TriageStatusSelectProps {
  readonly value: TriageStatus
  readonly onChange: (status: TriageStatus) => void
  /** The group's name (default "Triage status"). */
  readonly label?: string
  readonly isDisabled?: boolean
}

/**
 * The triage status as a radio group, each choice with its shortcut key shown (`Confirmed c`).
 * Arrow keys move between the choices, as in every radio group.
 */
export function TriageStatusSelect(props: TriageStatusSelectProps) {
  const name = useId()
  return (
    <fieldset className="triage-status" disabled={props.isDisabled}>
      <legend>{props.label ?? 'Triage status'}</legend>
      {TRIAGE_ORDER.map((status) => {
        const key = keyForTriage(status)
        return (
          <label key={status} className={`triage-choice triage-${status}`}>
            <input
              type="radio"
              name={name}
              value={status}
              checked={props.value === status}
              aria-keyshortcuts={key}
              onChange={() => {
                props.onChange(status)
              }}
            />
            {triageLabel(status)}
            <kbd aria-hidden="true">{key}</kbd>
          </label>
        )
      })}
    </fieldset>
  )
}
