import { useId, useState } from 'react'
import type { TriageStatus } from '../../../../main/core/model/findings'
import type { TlpLevel } from '../../../../main/core/model/tlp'
import { TlpSelect } from '../../../components/TlpSelect'
import { formatCount } from '../../../lib/format'
import { TRIAGE_ORDER } from '../../triage/triage-shortcuts'
import { triageLabel } from '../triage-labels'

/** Props of {@link BulkBar}. */
export interface BulkBarProps {
  readonly count: number
  readonly isBusy: boolean
  readonly defaultTlp: TlpLevel | null
  readonly onStatus: (status: TriageStatus) => void
  readonly onTag: (tag: string, isAdding: boolean) => void
  readonly onTlp: (tlp: TlpLevel | null) => void
  readonly onClear: () => void
}

/**
 * What to do with the selected findings: set the triage status, add or remove a tag, set the
 * TLP, or clear the selection. Each choice is applied with its own button (a select alone would
 * act while the analyst is still browsing its options).
 */
export function BulkBar(props: BulkBarProps) {
  const ids = { status: useId(), tag: useId() }
  const [status, setStatus] = useState<TriageStatus>('confirmed')
  const [tag, setTag] = useState('')
  const [tlp, setTlp] = useState<TlpLevel | null>(null)
  const trimmed = tag.trim()
  return (
    <section className="bulk-bar" aria-label="Selected findings">
      <p className="bulk-count">
        <strong>{formatCount(props.count)}</strong> selected
      </p>
      <div className="field field-inline">
        <label htmlFor={ids.status}>Status</label>
        <select
          id={ids.status}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as TriageStatus)
          }}
        >
          {TRIAGE_ORDER.map((s) => (
            <option key={s} value={s}>
              {triageLabel(s)}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={props.isBusy}
          onClick={() => {
            props.onStatus(status)
          }}
        >
          Set status
        </button>
      </div>
      <div className="field field-inline">
        <label htmlFor={ids.tag}>Tag</label>
        <input
          id={ids.tag}
          type="text"
          maxLength={64}
          value={tag}
          onChange={(e) => {
            setTag(e.target.value)
          }}
        />
        <button
          type="button"
          disabled={props.isBusy || trimmed === ''}
          onClick={() => {
            props.onTag(trimmed, true)
          }}
        >
          Add tag
        </button>
        <button
          type="button"
          disabled={props.isBusy || trimmed === ''}
          onClick={() => {
            props.onTag(trimmed, false)
          }}
        >
          Remove tag
        </button>
      </div>
      <div className="field-inline">
        <TlpSelect label="TLP" value={tlp} onChange={setTlp} caseDefault={props.defaultTlp} />
        <button
          type="button"
          disabled={props.isBusy}
          onClick={() => {
            props.onTlp(tlp)
          }}
        >
          Set TLP
        </button>
      </div>
      <button type="button" onClick={props.onClear}>
        Clear selection
      </button>
    </section>
  )
}
