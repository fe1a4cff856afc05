import { useId, useState } from 'react'
import type { DragEvent, FormEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type {
  PackImportOutcome as Outcome,
  PackImportPreview as Preview,
} from '../../../main/core/model/rule-packs'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'
import { invoke, pathForFile } from '../../lib/api'
import { PackImportOutcome } from './PackImportOutcome'
import type { ScanSummary } from '../../../main/core/model/scan'
import { PackImportPreview } from './PackImportPreview'

/** Props of {@link PackImportCard}. */
export interface PackImportCardProps {
  /** Called once an update is installed and active. */
  readonly onActivated: (outcome: Outcome) => void
  /** A retro-hunt offered after activation started a scan. */
  readonly onScanStarted?: ((scan: ScanSummary) => void) | undefined
}

/**
 * "Import pack…": choose (or type, or drop) a signed pack folder or zip, check it — signature,
 * sequence, hashes, compile — then review its diff and activate it or discard it.
 */
export function PackImportCard({ onActivated, onScanStarted }: PackImportCardProps) {
  const titleId = useId()
  const [path, setPath] = useState('')
  const [preview, setPreview] = useState<Preview>()
  const [outcome, setOutcome] = useState<Outcome>()
  const [error, setError] = useState<ErrorInfo>()
  const [isBusy, setIsBusy] = useState(false)
  const [isOver, setIsOver] = useState(false)
  const [dropInvalid, setDropInvalid] = useState(false)
  const dropId = useId()

  function reset(nextPath: string) {
    setPath(nextPath)
    setError(undefined)
    setOutcome(undefined)
  }

  async function check(target: string) {
    if (target.trim() === '') {
      setError({ code: 'INVALID_INPUT', message: 'Enter the path of a rule pack folder or zip.' })
      return
    }
    setIsBusy(true)
    setError(undefined)
    setOutcome(undefined)
    setPreview(undefined)
    const result = await invoke('rules:prepareImport', { path: target.trim(), dropInvalid })
    setIsBusy(false)
    if (result.ok) setPreview(result.value)
    else setError(result.error)
  }

  async function choose(kind: 'folder' | 'file') {
    const picked = await invoke('dialog:pickRulePack', { kind })
    if (!picked.ok) setError(picked.error)
    else if (picked.value !== null) {
      reset(picked.value)
      await check(picked.value)
    }
  }

  async function activate(current: Preview) {
    setIsBusy(true)
    const result = await invoke('rules:confirmImport', { token: current.token })
    setIsBusy(false)
    setPreview(undefined)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setOutcome(result.value)
    onActivated(result.value)
  }

  async function discard(current: Preview) {
    setPreview(undefined)
    const result = await invoke('rules:discardImport', { token: current.token })
    if (!result.ok) setError(result.error)
  }

  function drop(event: DragEvent) {
    event.preventDefault()
    setIsOver(false)
    const [file] = Array.from(event.dataTransfer.files)
    if (file === undefined) return
    const dropped = pathForFile(file)
    if (dropped === null) {
      setError({
        code: 'INVALID_INPUT',
        message:
          'Drag and drop needs the desktop app: type the path of the pack or use “Choose folder…”.',
      })
      return
    }
    reset(dropped)
    void check(dropped)
  }

  function allowDrop(event: DragEvent) {
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    setIsOver(true)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    void check(path)
  }

  return (
    // Dropping is a pointer gesture; the path field and the Choose buttons are its keyboard way.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      className={isOver ? 'card form pack-import is-over' : 'card form pack-import'}
      aria-labelledby={titleId}
      onSubmit={submit}
      onDragEnter={allowDrop}
      onDragOver={allowDrop}
      onDragLeave={() => {
        setIsOver(false)
      }}
      onDrop={drop}
    >
      <h3 id={titleId}>Import pack…</h3>
      <TextField
        label="Rule pack"
        isMono
        isRequired
        value={path}
        onChange={reset}
        hint="A signed pack (its folder with pack.json, or its .zip), or a plain folder of .yar rules or one .yar file, imported unsigned. You can drop it here."
      >
        <button type="button" disabled={isBusy} onClick={() => void choose('folder')}>
          Choose folder…
        </button>
        <button type="button" disabled={isBusy} onClick={() => void choose('file')}>
          Choose file…
        </button>
        <button type="submit" className="primary" disabled={isBusy}>
          Check
        </button>
      </TextField>
      <div className="check">
        <input
          id={dropId}
          type="checkbox"
          checked={dropInvalid}
          onChange={(e) => {
            setDropInvalid(e.target.checked)
          }}
        />{' '}
        <label htmlFor={dropId}>
          Drop invalid rules (plain rule folders): keep the rules that compile, list the others
        </label>
      </div>
      {error !== undefined && (
        <ErrorNotice
          error={error}
          title={
            error.code === 'BUNDLE_UNTRUSTED'
              ? 'Signed by a key you do not trust'
              : 'The pack was not imported'
          }
        />
      )}
      <div role="status" aria-live="polite">
        {isBusy && preview === undefined && (
          <p className="muted">Checking the pack (signature, files, compile)…</p>
        )}
        {outcome !== undefined && (
          <PackImportOutcome outcome={outcome} onScanStarted={onScanStarted} />
        )}
      </div>
      {preview !== undefined && (
        <PackImportPreview
          preview={preview}
          isBusy={isBusy}
          onActivate={() => void activate(preview)}
          onDiscard={() => void discard(preview)}
        />
      )}
    </form>
  )
}
