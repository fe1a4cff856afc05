import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { CaseInfo } from '../../../main/core/model/case'
import type { ErrorInfo } from '../../../main/core/model/errors'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'
import { RecentCases } from './RecentCases'

/** Props of {@link OpenCaseForm}. */
export interface OpenCaseFormProps {
  readonly onOpened: (info: CaseInfo) => void
}

/**
 * The "Open case" form: a typed path, a file dialog, or one of the recent cases.
 *
 * Choosing a file in the dialog opens it at once; a typed path opens with "Open case".
 */
export function OpenCaseForm({ onOpened }: OpenCaseFormProps) {
  const titleId = useId()
  const [path, setPath] = useState('')
  const [error, setError] = useState<ErrorInfo>()
  const [isBusy, setIsBusy] = useState(false)

  async function open(target: string) {
    setIsBusy(true)
    setError(undefined)
    const opened = await invoke('case:open', { path: target })
    setIsBusy(false)
    if (opened.ok) onOpened(opened.value)
    else setError(opened.error)
  }

  async function choose() {
    const picked = await invoke('dialog:pickCaseFile')
    if (!picked.ok) setError(picked.error)
    else if (picked.value !== null) {
      setPath(picked.value)
      await open(picked.value)
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (path.trim() === '')
      setError({ code: 'INVALID_INPUT', message: 'Enter the case file path.' })
    else void open(path.trim())
  }

  return (
    <form className="card form" aria-labelledby={titleId} onSubmit={submit}>
      <h2 id={titleId}>Open case</h2>
      <TextField label="Case file path" isMono value={path} onChange={setPath}>
        <button type="button" disabled={isBusy} onClick={() => void choose()}>
          Choose case file…
        </button>
      </TextField>
      {error !== undefined && <ErrorNotice error={error} title="Could not open the case" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={isBusy}>
          Open case
        </button>
      </div>
      <h3>Recent cases</h3>
      <RecentCases isDisabled={isBusy} onOpen={(p) => void open(p)} />
    </form>
  )
}
