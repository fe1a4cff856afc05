import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ChannelInput } from '../../../main/ipc/contract'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PasswordField } from '../../components/PasswordField'
import { TextField } from '../../components/TextField'

/** Props of {@link CreateKeyForm}. */
export interface CreateKeyFormProps {
  /** True when the OS keychain can seal the key: the passphrase is then optional. */
  readonly hasKeychain: boolean
  readonly onCreated: () => void
}

interface Draft {
  readonly org: string
  readonly contact: string
  readonly passphrase: string
  readonly repeat: string
}

const EMPTY: Draft = { org: '', contact: '', passphrase: '', repeat: '' }

/** What is wrong with the draft, or null when it can be sent. */
function draftProblem(draft: Draft, hasKeychain: boolean): string | null {
  if (draft.org.trim() === '') return 'Enter the organisation the key speaks for.'
  if (!hasKeychain && draft.passphrase === '') {
    return 'Enter a passphrase: there is no OS keychain here to seal the key.'
  }
  if (draft.passphrase !== draft.repeat) return 'The two passphrases differ: type them again.'
  return null
}

function toCreateInput(draft: Draft): ChannelInput<'keys:create'> {
  const contact = draft.contact.trim()
  return {
    org: draft.org.trim(),
    ...(contact === '' ? {} : { contact }),
    ...(draft.passphrase === '' ? {} : { passphrase: draft.passphrase }),
  }
}

/**
 * The "Create signing key" form: organisation, contact, passphrase and its repeat.
 *
 * Where the OS keychain is available (`keys:list` says so) the passphrase is optional and the
 * keychain seals the key; otherwise the passphrase is required and asked for at each export.
 */
export function CreateKeyForm({ hasKeychain, onCreated }: CreateKeyFormProps) {
  const titleId = useId()
  const [draft, setDraft] = useState(EMPTY)
  const [error, setError] = useState<ErrorInfo>()
  const [isBusy, setIsBusy] = useState(false)
  const set = (key: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }))
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const problem = draftProblem(draft, hasKeychain)
    if (problem !== null) {
      setError({ code: 'INVALID_INPUT', message: problem })
      return
    }
    setIsBusy(true)
    setError(undefined)
    const created = await invoke('keys:create', toCreateInput(draft))
    setIsBusy(false)
    if (!created.ok) {
      setError(created.error)
      return
    }
    setDraft(EMPTY)
    onCreated()
  }

  return (
    <form className="card form" aria-labelledby={titleId} onSubmit={(e) => void submit(e)}>
      <h3 id={titleId}>Create signing key</h3>
      <TextField
        label="Organisation"
        isRequired
        maxLength={200}
        value={draft.org}
        onChange={set('org')}
      />
      <TextField
        label="Contact (optional)"
        maxLength={200}
        placeholder="soc@example.org"
        value={draft.contact}
        onChange={set('contact')}
      />
      <PasswordField
        label={hasKeychain ? 'Passphrase (optional)' : 'Passphrase'}
        autoComplete="new-password"
        isRequired={!hasKeychain}
        hint={
          hasKeychain
            ? 'Leave empty and the OS keychain seals the key; with a passphrase it is asked at each export.'
            : 'No OS keychain here: the passphrase seals the key and is asked at each export.'
        }
        value={draft.passphrase}
        onChange={set('passphrase')}
      />
      <PasswordField
        label="Repeat passphrase"
        autoComplete="new-password"
        isInvalid={draft.repeat !== '' && draft.repeat !== draft.passphrase}
        value={draft.repeat}
        onChange={set('repeat')}
      />
      {error !== undefined && <ErrorNotice error={error} title="Could not create the key" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={isBusy}>
          Create signing key
        </button>
      </div>
    </form>
  )
}
