import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useInvoke } from '../../lib/use-invoke'
import { KeysAndTrust } from '../share/KeysAndTrust'

/**
 * Keys and trust: this workbench's signing keys and the partner keys it trusts — the Share
 * section's own cards, so both places show and change the same stores.
 */
export function KeysSettings() {
  const [keysRevision, setKeysRevision] = useState(0)
  const keys = useInvoke('keys:list', undefined, keysRevision)
  const keyList = keys.result?.ok === true ? keys.result.value : undefined
  return (
    <section className="settings-section" aria-labelledby="settings-keys-title">
      <h3 id="settings-keys-title">Keys and trust</h3>
      {keys.result?.ok === false && (
        <ErrorNotice error={keys.result.error} title="Could not list the signing keys" />
      )}
      <KeysAndTrust
        keyList={keyList}
        onKeysChanged={() => {
          setKeysRevision((n) => n + 1)
        }}
      />
    </section>
  )
}
