import { useId } from 'react'
import { REDACTION_PROFILES } from './export-draft'
import type { RedactionProfile } from './export-draft'

/** Props of {@link RedactionFieldset}. */
export interface RedactionFieldsetProps {
  readonly value: RedactionProfile
  readonly onChange: (value: RedactionProfile) => void
}

/**
 * The redaction profile as radio buttons, each with its one-line explanation as its
 * description.
 */
export function RedactionFieldset({ value, onChange }: RedactionFieldsetProps) {
  const name = useId()
  return (
    <fieldset className="radio-group">
      <legend>Redaction</legend>
      {REDACTION_PROFILES.map((profile) => (
        <div key={profile.value} className="radio-row">
          <input
            type="radio"
            id={`${name}-${profile.value}`}
            name={name}
            value={profile.value}
            checked={value === profile.value}
            aria-describedby={`${name}-${profile.value}-hint`}
            onChange={() => {
              onChange(profile.value)
            }}
          />
          <label htmlFor={`${name}-${profile.value}`}>{profile.label}</label>
          <small id={`${name}-${profile.value}-hint`} className="hint">
            {profile.explanation}
          </small>
        </div>
      ))}
    </fieldset>
  )
}
