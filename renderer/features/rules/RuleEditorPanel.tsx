import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ScanSummary } from '../../../main/core/model/scan'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { invoke } from '../../lib/api'
import { useInvoke } from '../../lib/use-invoke'
import { RuleEditor } from './RuleEditor'
import { useRuleDiagnostics } from './rule-editor-diagnostics'
import { RuleEditorFiles } from './RuleEditorFiles'
import { RuleEditorTests } from './RuleEditorTests'

/** `AUTHORING_FILE_NAME` of main/core/model/rule-editor.ts (the main process checks again). */
const FILE_NAME = /^[A-Za-z0-9_-]{1,64}\.yar$/

/** Props of {@link RuleEditorPanel}. */
export interface RuleEditorPanelProps {
  /** The file selected in the evidence browser, offered for "Test on file". */
  readonly selectedFileId?: number | null
  /** A test on evidence started a scan (the workbench follows it like any scan). */
  readonly onScanStarted?: (scan: ScanSummary) => void
  /** The text the editor opens with (a new-rule template by default). */
  readonly initialSource?: string
}

/**
 * The rule editor of the Rules section: the authoring folder's files, the editor with live
 * yara-x diagnostics, tests on a case file or a whole evidence item, and how to release the
 * folder as a signed pack.
 */
export function RuleEditorPanel(props: RuleEditorPanelProps) {
  const [source, setSource] = useState(props.initialSource ?? newRuleTemplate())
  const [fileName, setFileName] = useState('my_rules.yar')
  const [isDirty, setDirty] = useState(false)
  const [revision, setRevision] = useState(0)
  const [saved, setSaved] = useState<string | null>(null)
  const [error, setError] = useState<{ title: string; info: ErrorInfo } | null>(null)
  const [testRequest, setTestRequest] = useState(0)
  const listing = useInvoke('authoring:list', undefined, revision)
  const live = useRuleDiagnostics(source)
  const nameIsValid = FILE_NAME.test(fileName)

  async function save() {
    if (!nameIsValid) return
    setSaved(null)
    const result = await invoke('authoring:save', { file: fileName, source })
    if (!result.ok) {
      setError({ title: 'Could not save the rule file', info: result.error })
      return
    }
    setError(null)
    setDirty(false)
    setSaved(`Saved ${result.value.file} (${result.value.sizeBytes} bytes).`)
    setRevision((n) => n + 1)
  }

  async function open(file: string) {
    const result = await invoke('authoring:read', { file })
    if (!result.ok) {
      setError({ title: `Could not open ${file}`, info: result.error })
      return
    }
    setError(null)
    setSaved(null)
    setFileName(result.value.file)
    setSource(result.value.source)
    setDirty(false)
  }

  return (
    <section className="panel rule-editor-panel" aria-labelledby="rule-editor-title">
      <h2 id="rule-editor-title">Rule editor</h2>
      <div className="rule-editor-layout">
        <RuleEditorFiles
          listing={listing.result}
          current={fileName}
          isDirty={isDirty}
          onOpen={(file) => void open(file)}
        />
        <div className="rule-editor-main">
          <form
            className="input-row rule-editor-file"
            aria-label="Rule file"
            onSubmit={(event) => {
              event.preventDefault()
              void save()
            }}
          >
            <label className="field">
              <span>File name</span>
              <input
                type="text"
                className="mono"
                value={fileName}
                maxLength={68}
                aria-invalid={!nameIsValid}
                onChange={(event) => {
                  setFileName(event.target.value)
                }}
              />
            </label>
            <button type="submit" disabled={!nameIsValid}>
              Save
            </button>
            {isDirty && <span className="muted">Unsaved changes</span>}
            {saved !== null && <span className="notice-ok-inline">{saved}</span>}
          </form>
          {!nameIsValid && (
            <p className="field-error">
              A name is 1 to 64 letters, digits, “_” or “-”, then “.yar”.
            </p>
          )}
          {error !== null && <ErrorNotice error={error.info} title={error.title} />}
          <RuleEditor
            value={source}
            live={live}
            onChange={(value) => {
              setSource(value)
              setDirty(true)
              setSaved(null)
            }}
            onSave={() => void save()}
            onTest={() => {
              setTestRequest((n) => n + 1)
            }}
          />
          <RuleEditorTests
            source={source}
            hasErrors={live.diagnostics.some((d) => d.severity === 'error')}
            selectedFileId={props.selectedFileId ?? null}
            testRequest={testRequest}
            {...(props.onScanStarted === undefined ? {} : { onScanStarted: props.onScanStarted })}
          />
          {listing.result?.ok === true && (
            <section className="rule-editor-release" aria-label="Release">
              <h3>Release as a signed pack</h3>
              <p>
                Saved files are in <SafeText value={listing.result.value.folder} />. To release them
                as a new signed pack version with its CHANGELOG, run:
              </p>
              <pre className="mono command">
                <SafeText value={listing.result.value.releaseCommand} />
              </pre>
            </section>
          )}
        </div>
      </div>
    </section>
  )
}

/** A new rule in the house style (STYLE.md): meta in order, one pattern, one condition. */
export function newRuleTemplate(today = new Date()): string {
  const date = today.toISOString().slice(0, 10)
  return `rule SUSP_New_Rule
{
    meta:
        author = ""
        description = "Detects ..."
        date = "${date}"
        score = 50
    strings:
        $a = "example"
    condition:
        $a
}
`
}
