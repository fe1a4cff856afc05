import { useId } from 'react'
import type { ReactNode } from 'react'

/** Props of {@link TextField}. */
export interface TextFieldProps {
  /** The visible label, which is also the field's accessible name. */
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly isRequired?: boolean
  readonly maxLength?: number
  readonly placeholder?: string
  /** Monospace, for paths and hashes. */
  readonly isMono?: boolean
  readonly isMultiline?: boolean
  /** One line of help under the field, linked with `aria-describedby`. */
  readonly hint?: string
  /** Buttons shown on the field's row (e.g. "Choose…"). */
  readonly children?: ReactNode
}

/**
 * A labelled text input (or textarea), with an optional hint and buttons beside it.
 */
export function TextField(props: TextFieldProps) {
  const id = useId()
  const hintId = props.hint === undefined ? undefined : `${id}-hint`
  const common = {
    id,
    value: props.value,
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    'aria-required': props.isRequired,
    'aria-describedby': hintId,
    className: props.isMono === true ? 'mono' : undefined,
  }
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <div className="input-row">
        {props.isMultiline === true ? (
          <textarea
            {...common}
            rows={2}
            onChange={(e) => {
              props.onChange(e.target.value)
            }}
          />
        ) : (
          <input
            {...common}
            type="text"
            onChange={(e) => {
              props.onChange(e.target.value)
            }}
          />
        )}
        {props.children}
      </div>
      {hintId !== undefined && (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      )}
    </div>
  )
}
