import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ExportResult, SigningKeyView } from '../../../main/core/model/sharing'
import type { TlpLevel } from '../../../main/core/model/tlp'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PasswordField } from '../../components/PasswordField'
import { TextField } from '../../components/TextField'
import { TlpSelect } from '../../components/TlpSelect'
import { TaskProgressBar } from '../../components/TaskProgressBar'
import { useTask } from '../../lib/use-task'
import { chosenKey, initialExportDraft, parseMinScore, toExportInput } from './export-draft'
import type { ExportDraft } from './export-draft'
import { RedactionFieldset } from './RedactionFieldset'
import { SigningKeySelect } from './SigningKeySelect'
import { TriageFieldset } from './TriageFieldset'

/** Props of {@link ExportForm}. */
export interface ExportFormProps {
  readonly keys: readonly SigningKeyView[]
  readonly defaultTlp: TlpLevel
  readonly onExported: (result: ExportResult) => void
}

/**
 * The export form: TLP, redaction profile, extra words, minimum score, triage statuses,
 * signing key (and its passphrase when it has one), destination folder, "Export bundle".
 */
export function ExportForm({ keys, defaultTlp, onExported }: ExportFormProps) {
  const scoreId = useId()
  const [draft, setDraft] = useState(() => initialExportDraft(defaultTlp, keys))
  const [error, setError] = useState<ErrorInfo>()
  const task = useTask('export')
  const isBusy = task.isRunning
  const key = chosenKey(draft, keys)
  const update = (patch: Partial<ExportDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
  }

  async function chooseFolder() {
    const picked = await invoke('dialog:pickFolder', { title: 'Folder for the report bundle' })
    if (!picked.ok) setError(picked.error)
    else if (picked.value !== null) update({ folder: picked.value })
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const input = toExportInput(draft, keys)
    if (typeof input === 'string') {
      setError({ code: 'INVALID_INPUT', message: input })
      return
    }
    setError(undefined)
    const exported = await task.run((taskId) => invoke('share:export', { ...input, taskId }))
    if (!exported.ok) {
      // A cancel is an outcome, not an error: the progress bar says nothing was written.
      if (exported.error.code !== 'CANCELLED') setError(exported.error)
      return
    }
    update({ passphrase: '' })
    onExported(exported.value)
  }

  return (
    <form className="form export-form" aria-label="Export" onSubmit={(e) => void submit(e)}>
      <div className="form-grid">
        <TlpSelect
          label="TLP of the bundle"
          value={draft.tlp}
          hint="Findings marked above this level are withheld."
          onChange={(tlp) => {
            if (tlp !== null) update({ tlp })
          }}
        />
        <div className="field">
          <label htmlFor={scoreId}>Minimum score</label>
          <input
            id={scoreId}
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="numeric"
            aria-invalid={parseMinScore(draft.minScore) === null}
            value={draft.minScore}
            onChange={(e) => {
              update({ minScore: e.target.value })
            }}
          />
        </div>
      </div>
      <RedactionFieldset
        value={draft.redaction}
        onChange={(redaction) => {
          update({ redaction })
        }}
      />
      <TextField
        label="Extra words to redact"
        hint="Comma-separated, e.g. a project code name or a customer's name."
        maxLength={10_000}
        value={draft.extraTerms}
        onChange={(extraTerms) => {
          update({ extraTerms })
        }}
      />
      <TriageFieldset
        value={draft.triage}
        onChange={(triage) => {
          update({ triage })
        }}
      />
      {keys.length > 1 && (
        <SigningKeySelect
          keys={keys}
          value={key?.keyId ?? ''}
          onChange={(keyId) => {
            update({ keyId, passphrase: '' })
          }}
        />
      )}
      {key?.protection === 'passphrase' && (
        <PasswordField
          label="Signing key passphrase"
          isRequired
          value={draft.passphrase}
          onChange={(passphrase) => {
            update({ passphrase })
          }}
        />
      )}
      <TextField
        label="Destination folder"
        isMono
        isRequired
        value={draft.folder}
        onChange={(folder) => {
          update({ folder })
        }}
      >
        <button type="button" onClick={() => void chooseFolder()}>
          Choose…
        </button>
      </TextField>
      {error !== undefined && <ErrorNotice error={error} title="Could not export the bundle" />}
      <TaskProgressBar task={task} label="Export" />
      <div className="actions">
        <button type="submit" className="primary" disabled={isBusy}>
          {isBusy ? 'Exporting…' : 'Export bundle'}
        </button>
      </div>
    </form>
  )
}
