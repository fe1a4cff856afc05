import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { Evidence } from '../../../main/core/model/evidence'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'

/** Props of {@link AddEvidenceForm}. */
export interface AddEvidenceFormProps {
  readonly onAdded: (evidence: Evidence) => void
}

/**
 * Add evidence by typed path (with an optional label), or pick it with the native dialog.
 *
 * The dialog fills the path field; "Add evidence" adds it, so the label can be typed first.
 */
export function AddEvidenceForm({ onAdded }: AddEvidenceFormProps) {
  const titleId = useId()
  const [path, setPath] = useState('')
  const [label, setLabel] = useState('')
  const [error, setError] = useState<ErrorInfo>()
  const [isBusy, setIsBusy] = useState(false)

  async function pick(kind: 'folder' | 'file') {
    const picked = await invoke('dialog:pickEvidence', { kind })
    if (!picked.ok) setError(picked.error)
    else if (picked.value !== null) setPath(picked.value)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (path.trim() === '') {
      setError({ code: 'INVALID_INPUT', message: 'Enter the path of a folder or file.' })
      return
    }
    setIsBusy(true)
    setError(undefined)
    const trimmedLabel = label.trim()
    const added = await invoke('evidence:add', {
      path: path.trim(),
      ...(trimmedLabel === '' ? {} : { label: trimmedLabel }),
    })
    setIsBusy(false)
    if (!added.ok) {
      setError(added.error)
      return
    }
    setPath('')
    setLabel('')
    onAdded(added.value)
  }

  return (
    <form className="card form" aria-labelledby={titleId} onSubmit={(e) => void submit(e)}>
      <h3 id={titleId}>Add evidence</h3>
      <TextField label="Evidence path" isMono value={path} onChange={setPath}>
        <button type="button" disabled={isBusy} onClick={() => void pick('folder')}>
          Choose folder…
        </button>
        <button type="button" disabled={isBusy} onClick={() => void pick('file')}>
          Choose file…
        </button>
      </TextField>
      <TextField label="Label (optional)" maxLength={200} value={label} onChange={setLabel} />
      {error !== undefined && <ErrorNotice error={error} title="Could not add evidence" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={isBusy}>
          Add evidence
        </button>
      </div>
    </form>
  )
}
