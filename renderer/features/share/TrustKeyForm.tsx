import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { TrustedKeyView } from '../../../main/core/model/sharing'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { TextField } from '../../components/TextField'
import { Fingerprint } from './Fingerprint'

/** Props of {@link TrustKeyForm}. */
export interface TrustKeyFormProps {
  readonly onTrusted: () => void
}

interface Draft {
  readonly publicKeyText: string
  readonly org: string
  readonly note: string
}

const EMPTY: Draft = { publicKeyText: '', org: '', note: '' }

/**
 * The "Trust a partner key" form: paste the partner's `.pub` text, name the organisation, add a
 * note. It reminds the analyst to compare the fingerprint out of band, and shows the one it
 * stored so it can be read back to the partner.
 */
export function TrustKeyForm({ onTrusted }: TrustKeyFormProps) {
  const titleId = useId()
  const [draft, setDraft] = useState(EMPTY)
  const [error, setError] = useState<ErrorInfo>()
  const [added, setAdded] = useState<TrustedKeyView>()
  const [isBusy, setIsBusy] = useState(false)
  const set = (key: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }))
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (draft.publicKeyText.trim() === '' || draft.org.trim() === '') {
      setError({
        code: 'INVALID_INPUT',
        message: "Paste the partner's public key and enter their organisation.",
      })
      return
    }
    setIsBusy(true)
    setError(undefined)
    setAdded(undefined)
    const note = draft.note.trim()
    const trusted = await invoke('keys:trust', {
      publicKeyText: draft.publicKeyText,
      org: draft.org.trim(),
      ...(note === '' ? {} : { note }),
    })
    setIsBusy(false)
    if (!trusted.ok) {
      setError(trusted.error)
      return
    }
    setAdded(trusted.value)
    setDraft(EMPTY)
    onTrusted()
  }

  return (
    <form className="card form" aria-labelledby={titleId} onSubmit={(e) => void submit(e)}>
      <h3 id={titleId}>Trust a partner key</h3>
      <p className="notice notice-warning">
        Before trusting a key, compare its fingerprint with the partner by another channel (phone,
        in person): a key that came with the bundle proves nothing on its own.
      </p>
      <TextField
        label="Partner public key (.pub text)"
        isMultiline
        isMono
        isRequired
        maxLength={4096}
        value={draft.publicKeyText}
        onChange={set('publicKeyText')}
      />
      <TextField
        label="Partner organisation"
        isRequired
        maxLength={200}
        value={draft.org}
        onChange={set('org')}
      />
      <TextField
        label="Note (optional)"
        maxLength={1000}
        value={draft.note}
        onChange={set('note')}
      />
      {error !== undefined && <ErrorNotice error={error} title="Could not trust the key" />}
      {added !== undefined && (
        <div className="notice notice-ok" role="status">
          Trusted <SafeText value={added.org} max={200} /> — key <code>{added.keyId}</code>,
          fingerprint <Fingerprint value={added.fingerprint} />
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={isBusy}>
          Trust key
        </button>
      </div>
    </form>
  )
}
