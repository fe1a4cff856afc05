import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ImportResult, VerificationView } from '../../../main/core/model/sharing'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'
import { TaskProgressBar } from '../../components/TaskProgressBar'
import { useTask } from '../../lib/use-task'
import { ImportOutcome } from './ImportOutcome'
import { UntrustedKeyWarning } from './UntrustedKeyWarning'
import { VerificationDetails } from './VerificationDetails'

/** Props of {@link CheckBundleCard}. */
export interface CheckBundleCardProps {
  /** Called with the case's id of the imported bundle. */
  readonly onImported: (bundleId: number) => void
}

/**
 * "Check a partner's bundle": choose or type the ZIP, verify it, then import it.
 *
 * A bundle signed by a key this workbench does not know fails with `BUNDLE_UNTRUSTED`: the
 * warning quotes the fingerprint and only an explicit "I compared the fingerprint" checkbox
 * re-runs the check (and the import) accepting that key for this bundle.
 */
export function CheckBundleCard({ onImported }: CheckBundleCardProps) {
  const titleId = useId()
  const [path, setPath] = useState('')
  const [isAccepted, setIsAccepted] = useState(false)
  const [verified, setVerified] = useState<VerificationView>()
  const [untrusted, setUntrusted] = useState<ErrorInfo>()
  const [error, setError] = useState<ErrorInfo>()
  const [imported, setImported] = useState<ImportResult>()
  const verifyTask = useTask('verify')
  const importTask = useTask('import')
  const isBusy = verifyTask.isRunning || importTask.isRunning

  function reset(nextPath: string) {
    setPath(nextPath)
    setIsAccepted(false)
    setVerified(undefined)
    setUntrusted(undefined)
    setError(undefined)
    setImported(undefined)
    verifyTask.reset()
    importTask.reset()
  }

  async function choose() {
    const picked = await invoke('dialog:pickBundle')
    if (!picked.ok) setError(picked.error)
    else if (picked.value !== null) reset(picked.value)
  }

  async function verify(acceptUnknownKey: boolean) {
    if (path.trim() === '') {
      setError({ code: 'INVALID_INPUT', message: "Enter the path of the partner's bundle (.zip)." })
      return
    }
    setError(undefined)
    setVerified(undefined)
    setImported(undefined)
    importTask.reset()
    const result = await verifyTask.run((taskId) =>
      invoke('share:verify', { path: path.trim(), acceptUnknownKey, taskId }),
    )
    if (result.ok) {
      setVerified(result.value)
      setUntrusted(undefined)
    } else if (result.error.code === 'BUNDLE_UNTRUSTED') {
      setUntrusted(result.error)
    } else if (result.error.code !== 'CANCELLED') {
      setUntrusted(undefined)
      setError(result.error)
    }
  }

  async function importBundle() {
    setError(undefined)
    const result = await importTask.run((taskId) =>
      invoke('share:import', { path: path.trim(), acceptUnknownKey: isAccepted, taskId }),
    )
    if (!result.ok) {
      // A cancelled import rolled back: the bar says so; it is not an error to explain.
      if (result.error.code !== 'CANCELLED') setError(result.error)
      return
    }
    setImported(result.value)
    onImported(result.value.bundle.id)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    void verify(isAccepted)
  }

  return (
    <form className="card form" aria-labelledby={titleId} onSubmit={submit}>
      <h3 id={titleId}>Check a partner&apos;s bundle</h3>
      <TextField label="Bundle file" isMono isRequired value={path} onChange={reset}>
        <button type="button" onClick={() => void choose()}>
          Choose…
        </button>
        <button type="submit" className="primary" disabled={isBusy}>
          Verify
        </button>
      </TextField>
      {untrusted !== undefined && verified === undefined && (
        <UntrustedKeyWarning
          error={untrusted}
          isAccepted={isAccepted}
          onAcceptedChange={(accepted) => {
            setIsAccepted(accepted)
            if (accepted) void verify(true)
          }}
        />
      )}
      {error !== undefined && <ErrorNotice error={error} title="The bundle did not pass" />}
      <TaskProgressBar task={verifyTask} label="Verification" />
      <TaskProgressBar task={importTask} label="Import" />
      <div role="status" aria-live="polite">
        {verified !== undefined && isAccepted && (
          <p className="notice notice-warning">
            Unknown key accepted for this bundle only: it is not added to your trusted keys.
          </p>
        )}
        {verified !== undefined && <VerificationDetails verification={verified} />}
        {imported !== undefined && <ImportOutcome result={imported} />}
      </div>
      {verified !== undefined && imported === undefined && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={isBusy}
            onClick={() => void importBundle()}
          >
            Import into this case
          </button>
        </div>
      )}
    </form>
  )
}
