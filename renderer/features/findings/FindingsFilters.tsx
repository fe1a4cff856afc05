import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { ScanSummary } from '../../../main/core/model/scan'
import { ScanSelect } from '../../components/ScanSelect'
import { TextField } from '../../components/TextField'
import type { FindingsFilter } from './findings-query'

/** Props of {@link FindingsFilters}. */
export interface FindingsFiltersProps {
  readonly applied: FindingsFilter
  readonly scans: readonly ScanSummary[]
  readonly onApply: (filter: FindingsFilter) => void
}

const CLEARED: FindingsFilter = { text: '', minScore: undefined, scanId: undefined }

function parseScore(raw: string): number | undefined | null {
  if (raw.trim() === '') return undefined
  const n = Number(raw)
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : null
}

/**
 * The filter bar of the findings table: text, minimum score and scan, applied together with
 * "Apply filters" (or Enter) so each change is one request.
 */
export function FindingsFilters({ applied, scans, onApply }: FindingsFiltersProps) {
  const scoreId = useId()
  const hideId = useId()
  const [hideSuppressed, setHideSuppressed] = useState(applied.hideSuppressed === true)
  const [text, setText] = useState(applied.text)
  const [score, setScore] = useState(applied.minScore === undefined ? '' : String(applied.minScore))
  const [scanId, setScanId] = useState(applied.scanId)
  const minScore = parseScore(score)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (minScore !== null)
      onApply({ text, minScore, scanId, ...(hideSuppressed ? { hideSuppressed } : {}) })
  }

  function clear() {
    setText('')
    setScore('')
    setScanId(undefined)
    setHideSuppressed(false)
    onApply(CLEARED)
  }

  return (
    <form className="filters" aria-label="Filter findings" onSubmit={submit}>
      <TextField label="Filter text" maxLength={500} value={text} onChange={setText} />
      <div className="field">
        <label htmlFor={scoreId}>Minimum score</label>
        <input
          id={scoreId}
          type="number"
          min={0}
          max={100}
          step={1}
          inputMode="numeric"
          aria-invalid={minScore === null}
          value={score}
          onChange={(e) => {
            setScore(e.target.value)
          }}
        />
      </div>
      <ScanSelect scans={scans} value={scanId} onChange={setScanId} />
      <div className="field field-check">
        <input
          id={hideId}
          type="checkbox"
          checked={hideSuppressed}
          onChange={(e) => {
            setHideSuppressed(e.target.checked)
          }}
        />
        <label htmlFor={hideId}>Hide suppressed</label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={minScore === null}>
          Apply filters
        </button>
        <button type="button" onClick={clear}>
          Clear filters
        </button>
      </div>
      {minScore === null && (
        <p role="alert" className="field-error">
          The minimum score is a whole number from 0 to 100.
        </p>
      )}
    </form>
  )
}
