import { useEffect, useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { CaseInfo } from '../../../main/core/model/case'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { TlpLevel } from '../../../main/core/model/tlp'
import type { ChannelInput } from '../../../main/ipc/contract'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'
import { TlpSelect } from '../../components/TlpSelect'
import { suggestCaseFileName } from './suggest-file-name'

/** Props of {@link CreateCaseForm}. */
export interface CreateCaseFormProps {
  readonly onCreated: (info: CaseInfo) => void
}

interface Draft {
  readonly name: string
  readonly examiner: string
  readonly caseNumber: string
  readonly description: string
  readonly location: string
}

const EMPTY: Draft = { name: '', examiner: '', caseNumber: '', description: '', location: '' }

/**
 * The `case:create` input for a draft: optional fields left out when blank.
 */
function toCreateInput(draft: Draft): ChannelInput<'case:create'> {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim())
  const caseNumber = optional(draft.caseNumber)
  const description = optional(draft.description)
  const path = optional(draft.location)
  return {
    name: draft.name.trim(),
    examiner: draft.examiner.trim(),
    ...(caseNumber === undefined ? {} : { caseNumber }),
    ...(description === undefined ? {} : { description }),
    ...(path === undefined ? {} : { path }),
  }
}

/**
 * The "New case" form: name, examiner, optional case number, description and file location.
 *
 * Left empty, the location is chosen by main (the default case folder).
 */
export function CreateCaseForm({ onCreated }: CreateCaseFormProps) {
  const titleId = useId()
  const [draft, setDraft] = useState(EMPTY)
  const [error, setError] = useState<ErrorInfo>()
  const [isBusy, setIsBusy] = useState(false)
  // From Settings: the examiner (prefilled unless already typed) and the default TLP.
  const [defaultTlp, setDefaultTlp] = useState<TlpLevel | null>(null)
  useEffect(() => {
    let isCurrent = true
    void invoke('settings:get').then((settings) => {
      if (!isCurrent || !settings.ok) return
      setDefaultTlp(settings.value.defaultTlp)
      const examiner = settings.value.examinerName
      setDraft((d) => (d.examiner === '' ? { ...d, examiner } : d))
    })
    return () => {
      isCurrent = false
    }
  }, [])
  const set = (key: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }))
  }

  async function chooseLocation() {
    const suggestedName = suggestCaseFileName(draft.name)
    const picked = await invoke('dialog:pickNewCaseFile', { suggestedName })
    if (!picked.ok) setError(picked.error)
    else if (picked.value !== null) set('location')(picked.value)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (draft.name.trim() === '' || draft.examiner.trim() === '') {
      setError({ code: 'INVALID_INPUT', message: 'Enter a case name and the examiner.' })
      return
    }
    setIsBusy(true)
    setError(undefined)
    const input = toCreateInput(draft)
    const created = await invoke(
      'case:create',
      defaultTlp === null ? input : { ...input, defaultTlp },
    )
    setIsBusy(false)
    if (created.ok) onCreated(created.value)
    else setError(created.error)
  }

  return (
    <form className="card form" aria-labelledby={titleId} onSubmit={(e) => void submit(e)}>
      <h2 id={titleId}>New case</h2>
      <TextField
        label="Case name"
        isRequired
        maxLength={200}
        value={draft.name}
        onChange={set('name')}
      />
      <TextField
        label="Examiner"
        isRequired
        maxLength={200}
        value={draft.examiner}
        onChange={set('examiner')}
      />
      <TextField
        label="Case number (optional)"
        maxLength={100}
        value={draft.caseNumber}
        onChange={set('caseNumber')}
      />
      <TextField
        label="Description (optional)"
        isMultiline
        maxLength={10_000}
        value={draft.description}
        onChange={set('description')}
      />
      {defaultTlp !== null && (
        <TlpSelect
          label="Default TLP"
          value={defaultTlp}
          hint="What findings and notes without a TLP of their own are shared at."
          onChange={(tlp) => {
            if (tlp !== null) setDefaultTlp(tlp)
          }}
        />
      )}
      <TextField
        label="Case file location (optional)"
        isMono
        placeholder="Default case folder"
        hint="Leave empty to keep the case in the default case folder."
        value={draft.location}
        onChange={set('location')}
      >
        <button type="button" onClick={() => void chooseLocation()}>
          Choose location…
        </button>
      </TextField>
      {error !== undefined && <ErrorNotice error={error} title="Could not create the case" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={isBusy}>
          Create case
        </button>
      </div>
    </form>
  )
}
