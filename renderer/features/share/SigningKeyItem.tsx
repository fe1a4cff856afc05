import { useId } from 'react'
import type { SigningKeyView } from '../../../main/core/model/sharing'
import { formatUtcSeconds } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import { Fingerprint } from './Fingerprint'

/** Props of {@link SigningKeyItem}. */
export interface SigningKeyItemProps {
  readonly signingKey: SigningKeyView
}

function protectionLabel(protection: SigningKeyView['protection']): string {
  return protection === 'os-keychain' ? 'Sealed by the OS keychain' : 'Passphrase'
}

/**
 * One of this workbench's signing keys, with its public key in a read-only text area the
 * analyst can select and copy (to send to partners, who trust it in their own workbench).
 */
export function SigningKeyItem({ signingKey: key }: SigningKeyItemProps) {
  const publicId = useId()
  return (
    <li className="key-item">
      <DetailList
        items={[
          ['Organisation', <SafeText key="v" value={key.org} max={200} />],
          ['Contact', <SafeText key="v" value={key.contact} max={200} />],
          ['Key ID', <code key="v">{key.keyId}</code>],
          ['Fingerprint', <Fingerprint key="v" value={key.fingerprint} />],
          ['Protection', protectionLabel(key.protection)],
          ['Created', formatUtcSeconds(key.createdAt)],
        ]}
      />
      <div className="field">
        <label htmlFor={publicId}>Public key (send this to partners)</label>
        <textarea
          id={publicId}
          className="mono public-key"
          readOnly
          rows={3}
          value={key.publicKeyText}
          onFocus={(e) => {
            e.currentTarget.select()
          }}
        />
      </div>
    </li>
  )
}
