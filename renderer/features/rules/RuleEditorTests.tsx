import { useEffect, useRef, useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { RuleTestResult } from '../../../main/core/model/rule-editor'
import type { ScanSummary } from '../../../main/core/model/scan'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { TaskProgressBar } from '../../components/TaskProgressBar'
import { invoke } from '../../lib/api'
import { useInvoke } from '../../lib/use-invoke'
import { useTask } from '../../lib/use-task'
import { RuleEditorResult } from './RuleEditorResult'

/** Props of {@link RuleEditorTests}. */
export interface RuleEditorTestsProps {
  readonly source: string
  /** The live diagnostics hold an error: testing would only repeat it. */
  readonly hasErrors: boolean
  readonly selectedFileId: number | null
  /** Goes up on each Ctrl+Enter in the editor: run the test on the file. */
  readonly testRequest: number
  readonly onScanStarted?: (scan: ScanSummary) => void
}

/** "Test on file" (one case file, answered at once) and "Test on evidence" (a full scan). */
export function RuleEditorTests(props: RuleEditorTestsProps) {
  const [fileId, setFileId] = useState(props.selectedFileId?.toString() ?? '')
  const [evidenceId, setEvidenceId] = useState('')
  const [isStarting, setIsStarting] = useState(false)
  const fileTest = useTask('rule-test')
  const busy = isStarting || fileTest.isRunning
  const [result, setResult] = useState<RuleTestResult | null>(null)
  const [scan, setScan] = useState<ScanSummary | null>(null)
  const [error, setError] = useState<{ title: string; info: ErrorInfo } | null>(null)
  const evidence = useInvoke('evidence:list', undefined)
  const items = evidence.result?.ok === true ? evidence.result.value : []
  const chosenEvidence = evidenceId === '' ? items[0]?.id : Number(evidenceId)
  const parsedFileId = /^\d{1,15}$/.test(fileId.trim()) ? Number(fileId.trim()) : null

  // A new selection in the evidence browser replaces the typed id (derived during render).
  const [seenSelection, setSeenSelection] = useState(props.selectedFileId)
  if (props.selectedFileId !== seenSelection) {
    setSeenSelection(props.selectedFileId)
    if (props.selectedFileId !== null) setFileId(props.selectedFileId.toString())
  }

  async function testOnFile() {
    if (parsedFileId === null || parsedFileId < 1 || busy) return
    setScan(null)
    setResult(null)
    setError(null)
    const answer = await fileTest.run((taskId) =>
      invoke('rules:testOnFile', { source: props.source, fileId: parsedFileId, taskId }),
    )
    if (answer.ok) {
      setResult(answer.value)
    } else if (answer.error.code !== 'CANCELLED') {
      setError({ title: `Could not test on file ${parsedFileId}`, info: answer.error })
    }
  }

  async function testOnEvidence() {
    if (chosenEvidence === undefined || busy) return
    setIsStarting(true)
    fileTest.reset()
    setResult(null)
    const answer = await invoke('rules:testOnEvidence', {
      source: props.source,
      evidenceId: chosenEvidence,
    })
    setIsStarting(false)
    if (answer.ok) {
      setScan(answer.value)
      setError(null)
      props.onScanStarted?.(answer.value)
    } else {
      setScan(null)
      setError({ title: 'Could not start the test scan', info: answer.error })
    }
  }

  // Ctrl+Enter in the editor; the first render (request 0) runs nothing.
  const handled = useRef(props.testRequest)
  useEffect(() => {
    if (props.testRequest === handled.current) return
    handled.current = props.testRequest
    void testOnFile()
  })

  return (
    <section className="rule-editor-tests" aria-label="Test the rules">
      <h3>Test</h3>
      <div className="input-row">
        <label className="field">
          <span>Case file id</span>
          <input
            type="text"
            inputMode="numeric"
            className="mono"
            value={fileId}
            placeholder="e.g. 12"
            onChange={(event) => {
              setFileId(event.target.value)
            }}
          />
        </label>
        <button
          type="button"
          disabled={busy || parsedFileId === null || props.hasErrors}
          onClick={() => void testOnFile()}
        >
          Test on file
        </button>
        <label className="field">
          <span>Evidence</span>
          <select
            value={chosenEvidence?.toString() ?? ''}
            disabled={items.length === 0}
            onChange={(event) => {
              setEvidenceId(event.target.value)
            }}
          >
            {items.length === 0 && <option value="">No evidence</option>}
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy || chosenEvidence === undefined || props.hasErrors}
          onClick={() => void testOnEvidence()}
        >
          Test on evidence
        </button>
      </div>
      <p className="hint">
        Ctrl+Enter tests on the file. A test on evidence runs a normal scan with only these rules;
        it appears in the scan history.
      </p>
      {evidence.result?.ok === false && (
        <p className="muted">
          <SafeText value={evidence.result.error.message} />
        </p>
      )}
      {isStarting && <p className="muted">Starting the test scan…</p>}
      <TaskProgressBar task={fileTest} label="Rule test" />
      {error !== null && <ErrorNotice error={error.info} title={error.title} />}
      {result !== null && <RuleEditorResult result={result} />}
      {scan !== null && (
        <p role="status" className="notice notice-ok">
          Scan #{scan.id} started with these rules only; follow it in Scan and Findings.
        </p>
      )}
    </section>
  )
}
