import { useId } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import { SafeText } from '../../components/SafeText'

/** Props of {@link UntrustedKeyWarning}. */
export interface UntrustedKeyWarningProps {
  /** The `BUNDLE_UNTRUSTED` error: its message quotes the key's fingerprint. */
  readonly error: ErrorInfo
  readonly isAccepted: boolean
  readonly onAcceptedChange: (isAccepted: boolean) => void
}

/**
 * The warning for a bundle signed by a key this workbench does not trust, with the explicit
 * choice to accept that key for this bundle only — after comparing the fingerprint with the
 * sender by another channel.
 */
export function UntrustedKeyWarning({
  error,
  isAccepted,
  onAcceptedChange,
}: UntrustedKeyWarningProps) {
  const id = useId()
  return (
    <div role="alert" className="notice notice-warning untrusted">
      <strong className="notice-title">Signed by a key you do not trust</strong>
      <p className="notice-message">
        <SafeText value={error.message} />
      </p>
      <p>
        Call the sender (a number you already know, not one from the bundle) and have them read
        their fingerprint. Only if it is the same, accept the key for this bundle — or trust it for
        good in Share → “Trust a partner key”.
      </p>
      <div className="check">
        <input
          id={id}
          type="checkbox"
          checked={isAccepted}
          onChange={(e) => {
            onAcceptedChange(e.target.checked)
          }}
        />{' '}
        <label htmlFor={id}>
          I compared the fingerprint with the sender; accept this key for this bundle
        </label>
      </div>
      <small className="notice-code">Code: {error.code}</small>
    </div>
  )
}
