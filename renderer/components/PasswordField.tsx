import { useId } from 'react'

/** Props of {@link PasswordField}. */
export interface PasswordFieldProps {
  /** The visible label, which is also the field's accessible name. */
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly isRequired?: boolean
  readonly isInvalid?: boolean
  /** One line of help under the field, linked with `aria-describedby`. */
  readonly hint?: string
  /** `new-password` when creating a secret, `current-password` when using one. */
  readonly autoComplete?: 'new-password' | 'current-password'
}

/**
 * A labelled password input with an optional hint: the secret is never shown, never stored
 * by the renderer beyond the form's state.
 */
export function PasswordField(props: PasswordFieldProps) {
  const id = useId()
  const hintId = props.hint === undefined ? undefined : `${id}-hint`
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="password"
        value={props.value}
        maxLength={1024}
        autoComplete={props.autoComplete ?? 'current-password'}
        aria-required={props.isRequired}
        aria-invalid={props.isInvalid}
        aria-describedby={hintId}
        onChange={(e) => {
          props.onChange(e.target.value)
        }}
      />
      {hintId !== undefined && (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      )}
    </div>
  )
}
