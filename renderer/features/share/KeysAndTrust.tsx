import { useState } from 'react'
import type { ChannelOutput } from '../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useInvoke } from '../../lib/use-invoke'
import { CreateKeyForm } from './CreateKeyForm'
import { OwnKeysCard } from './OwnKeysCard'
import { TrustedKeysCard } from './TrustedKeysCard'
import { TrustKeyForm } from './TrustKeyForm'

/** Props of {@link KeysAndTrust}. */
export interface KeysAndTrustProps {
  /** The signing keys (`keys:list`), read by the caller, who needs them too; undefined: loading. */
  readonly keyList: ChannelOutput<'keys:list'> | undefined
  /** A key was created: the caller reads `keys:list` again. */
  readonly onKeysChanged: () => void
}

/**
 * This workbench's signing keys (and the form to create one) beside the partner keys it trusts
 * (and the form to trust one): shown by the Share section and by Settings, over the same stores.
 */
export function KeysAndTrust({ keyList, onKeysChanged }: KeysAndTrustProps) {
  const [trustRevision, setTrustRevision] = useState(0)
  const trusted = useInvoke('keys:trusted', undefined, trustRevision)
  const trustChanged = () => {
    setTrustRevision((n) => n + 1)
  }
  return (
    <div className="share-keys">
      <div className="share-column">
        {keyList !== undefined && <OwnKeysCard keys={keyList.keys} />}
        {keyList !== undefined && (
          <CreateKeyForm hasKeychain={keyList.keychain} onCreated={onKeysChanged} />
        )}
      </div>
      <div className="share-column">
        {trusted.result?.ok === false && (
          <ErrorNotice error={trusted.result.error} title="Could not list trusted keys" />
        )}
        {trusted.result?.ok === true && (
          <TrustedKeysCard keys={trusted.result.value} onChanged={trustChanged} />
        )}
        <TrustKeyForm onTrusted={trustChanged} />
      </div>
    </div>
  )
}
