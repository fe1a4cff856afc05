import { useId, useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { RuleState, RuleStateView } from '../../../main/core/model/rule-states'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'
import { invoke } from '../../lib/api'
import { MAX_REASON_CHARS, RULE_STATE_CHOICES } from './rule-state-labels'

/** Props of {@link RuleStateControl}. */
export interface RuleStateControlProps {
  /** `id:<rule id>` or `name:<namespace>:<name>`. */
  readonly ruleKey: string
  readonly namespace: string
  readonly name: string
  /** The rule's state in this case (`active` when none was set). */
  readonly state: RuleState
  /** Called with the saved state. */
  readonly onChanged?: (view: RuleStateView) => void
  /** Keep the label for screen readers only (a table column header already says it). */
  readonly hideLabel?: boolean
}

const LABELS: Readonly<Record<RuleState, string>> = {
  active: 'Active',
  testing: 'Testing (findings marked)',
  disabled: 'Disabled (no findings)',
}

/**
 * The state of one rule in this case (`rules:setState`): active, testing or disabled. Disabling
 * asks for a reason first (it goes to the audit log); the state applies from the next scan.
 */
export function RuleStateControl(props: RuleStateControlProps) {
  const { ruleKey, namespace, name, onChanged } = props
  const selectId = useId()
  const [state, setState] = useState<RuleState>(props.state)
  const [pending, setPending] = useState<RuleState | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<ErrorInfo>()
  const [isSaving, setIsSaving] = useState(false)
  const [note, setNote] = useState('')

  async function save(next: RuleState, why: string) {
    setIsSaving(true)
    setError(undefined)
    setNote('')
    const saved = await invoke('rules:setState', {
      ruleKey,
      namespace,
      name,
      state: next,
      reason: why,
    })
    setIsSaving(false)
    if (!saved.ok) {
      setError(saved.error)
      return
    }
    setState(saved.value.state)
    setPending(null)
    setReason('')
    setNote(`Now ${saved.value.state}; applies from the next scan.`)
    onChanged?.(saved.value)
  }

  function choose(next: RuleState) {
    if (next === state) return
    if (next === 'disabled') setPending('disabled')
    else void save(next, '')
  }

  return (
    <div className="rule-state-control">
      <label
        htmlFor={selectId}
        className={props.hideLabel === true ? 'visually-hidden' : undefined}
      >
        State in this case
      </label>
      <select
        id={selectId}
        value={pending ?? state}
        disabled={isSaving}
        onChange={(e) => {
          choose(e.target.value as RuleState)
        }}
      >
        {RULE_STATE_CHOICES.map((s) => (
          <option key={s} value={s}>
            {LABELS[s]}
          </option>
        ))}
      </select>
      {pending === 'disabled' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void save('disabled', reason)
          }}
        >
          <TextField
            label="Why disable this rule?"
            value={reason}
            onChange={setReason}
            isRequired
            maxLength={MAX_REASON_CHARS}
            hint="Recorded in the audit log. Matches of a disabled rule are not recorded."
          />
          <button type="submit" disabled={isSaving || reason.trim() === ''}>
            Disable rule
          </button>
          <button
            type="button"
            onClick={() => {
              setPending(null)
              setReason('')
            }}
          >
            Cancel
          </button>
        </form>
      )}
      <p className="hint" role="status">
        {note}
      </p>
      {error !== undefined && <ErrorNotice error={error} title="Could not set the rule's state" />}
    </div>
  )
}
