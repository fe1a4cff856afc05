import { useId } from 'react'
import type { SigningKeyView } from '../../../main/core/model/sharing'
import { attributeText } from '../../lib/text'

/** Props of {@link SigningKeySelect}. */
export interface SigningKeySelectProps {
  readonly keys: readonly SigningKeyView[]
  readonly value: string
  readonly onChange: (keyId: string) => void
}

/**
 * A labelled "Signing key" select (shown when there is more than one key).
 */
export function SigningKeySelect({ keys, value, onChange }: SigningKeySelectProps) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>Signing key</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          onChange(e.target.value)
        }}
      >
        {keys.map((key) => (
          <option key={key.keyId} value={key.keyId}>
            {attributeText(key.org, 80)} — {key.keyId}
            {key.protection === 'passphrase' ? ' (passphrase)' : ''}
          </option>
        ))}
      </select>
    </div>
  )
}
