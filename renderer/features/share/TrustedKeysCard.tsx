import { useId, useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { TrustedKeyView } from '../../../main/core/model/sharing'
import { invoke } from '../../lib/api'
import { formatUtcSeconds } from '../../lib/format'
import { attributeText } from '../../lib/text'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { Fingerprint } from './Fingerprint'

/** Props of {@link TrustedKeysCard}. */
export interface TrustedKeysCardProps {
  readonly keys: readonly TrustedKeyView[]
  /** Called after a key was removed, so the list is fetched again. */
  readonly onChanged: () => void
}

/**
 * The partner keys this workbench trusts: organisation, key id, fingerprint, who added each
 * and when, the note, and "Remove".
 */
export function TrustedKeysCard({ keys, onChanged }: TrustedKeysCardProps) {
  const titleId = useId()
  const [error, setError] = useState<ErrorInfo>()

  async function remove(keyId: string) {
    setError(undefined)
    const removed = await invoke('keys:untrust', { keyId })
    if (removed.ok) onChanged()
    else setError(removed.error)
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>Trusted partner keys</h3>
      {keys.length === 0 ? (
        <p className="empty">No partner key trusted yet.</p>
      ) : (
        <table className="data-table trusted-keys">
          <caption className="visually-hidden">Trusted partner keys</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Key</th>
              <th scope="col">Added</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.keyId}>
                <th scope="row">
                  <SafeText value={key.org} max={200} />
                </th>
                <td>
                  <code>{key.keyId}</code>
                  <Fingerprint value={key.fingerprint} />
                </td>
                <td>
                  <SafeText value={key.addedBy} max={200} />
                  <small className="muted"> {formatUtcSeconds(key.addedAt)}</small>
                </td>
                <td>
                  <SafeText value={key.note} max={1000} />
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Remove ${attributeText(key.org, 100)} (${key.keyId})`}
                    onClick={() => void remove(key.keyId)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error !== undefined && <ErrorNotice error={error} title="Could not remove the key" />}
    </section>
  )
}
