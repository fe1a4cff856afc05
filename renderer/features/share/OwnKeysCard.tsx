import { useId } from 'react'
import type { SigningKeyView } from '../../../main/core/model/sharing'
import { SigningKeyItem } from './SigningKeyItem'

/** Props of {@link OwnKeysCard}. */
export interface OwnKeysCardProps {
  readonly keys: readonly SigningKeyView[]
}

/**
 * This workbench's signing keys: who they speak for, their id and fingerprint, how the secret
 * is protected, and the public key to hand to partners.
 */
export function OwnKeysCard({ keys }: OwnKeysCardProps) {
  const titleId = useId()
  return (
    <section className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>Your signing keys</h3>
      {keys.length === 0 ? (
        <p className="empty">
          No signing key yet. Create one below: partners check your bundles against its public key.
        </p>
      ) : (
        <ul className="key-list">
          {keys.map((key) => (
            <SigningKeyItem key={key.keyId} signingKey={key} />
          ))}
        </ul>
      )}
    </section>
  )
}
