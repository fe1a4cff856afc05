import { useId } from 'react'
import type { TlpLevel } from '../../main/core/model/tlp'
import { isTlpChoice, TLP_CHOICES, tlpLabel } from '../lib/tlp'

/** Props of {@link TlpSelect}. */
export interface TlpSelectProps {
  readonly label: string
  /** The chosen level; null is "the case default" (offered only when `caseDefault` is given). */
  readonly value: TlpLevel | null
  readonly onChange: (value: TlpLevel | null) => void
  /**
   * Offer "Case default (TLP:X)" as the first choice, standing for null (null: offer "Case
   * default" without naming the level, when it is not known here).
   */
  readonly caseDefault?: TlpLevel | null
  readonly hint?: string
  readonly isDisabled?: boolean
}

/**
 * A labelled TLP select: TLP:CLEAR … TLP:RED, optionally led by "Case default (TLP:X)".
 */
export function TlpSelect(props: TlpSelectProps) {
  const id = useId()
  const hintId = props.hint === undefined ? undefined : `${id}-hint`
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value ?? ''}
        disabled={props.isDisabled}
        aria-describedby={hintId}
        onChange={(e) => {
          const raw = e.target.value
          props.onChange(isTlpChoice(raw) ? raw : null)
        }}
      >
        {props.caseDefault !== undefined && (
          <option value="">
            {props.caseDefault === null
              ? 'Case default'
              : `Case default (${tlpLabel(props.caseDefault)})`}
          </option>
        )}
        {TLP_CHOICES.map((level) => (
          <option key={level} value={level}>
            {tlpLabel(level)}
          </option>
        ))}
      </select>
      {hintId !== undefined && (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      )}
    </div>
  )
}
