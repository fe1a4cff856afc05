import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { FindingSuppression } from '../../../main/core/model/rule-states'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { TextField } from '../../components/TextField'
import { invoke } from '../../lib/api'
import { MAX_REASON_CHARS } from './rule-state-labels'

/** Props of {@link FindingSuppress}. */
export interface FindingSuppressProps {
  readonly findingId: number
  /** The suppression the finding already cites, or null. */
  readonly suppression: FindingSuppression | null
  /** False when the content has no SHA-256 (it cannot become a suppression). */
  readonly hasSha256: boolean
  /** Called once a suppression was made (the detail reloads). */
  readonly onSuppressed?: () => void
}

/**
 * "False positive — suppress": the finding's rule on this content becomes a known false
 * positive (`suppressions:add`), with a reason. Every finding of that rule on the same content,
 * in every scan, is marked false positive, and later scans record it so.
 */
export function FindingSuppress(props: FindingSuppressProps) {
  const { findingId, suppression, hasSha256, onSuppressed } = props
  const [isOpen, setIsOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<ErrorInfo>()
  const [isSaving, setIsSaving] = useState(false)
  const [made, setMade] = useState<FindingSuppression | null>(null)
  const shown = made ?? suppression

  async function submit() {
    setIsSaving(true)
    setError(undefined)
    const added = await invoke('suppressions:add', { findingId, reason: reason.trim() })
    setIsSaving(false)
    if (!added.ok) {
      setError(added.error)
      return
    }
    setMade({ id: added.value.id, reason: added.value.reason, by: added.value.createdBy })
    setIsOpen(false)
    onSuppressed?.()
  }

  return (
    <section className="detail-section" aria-labelledby="finding-suppress-title">
      <h4 id="finding-suppress-title">False positive</h4>
      {shown !== null ? (
        <p>
          Suppressed (#{shown.id}) by <SafeText value={shown.by} max={100} />:{' '}
          <SafeText value={shown.reason} max={500} />
        </p>
      ) : !hasSha256 ? (
        <p className="hint">This content has no SHA-256, so it cannot become a suppression.</p>
      ) : isOpen ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <TextField
            label="Why is this a false positive?"
            value={reason}
            onChange={setReason}
            isRequired
            isMultiline
            maxLength={MAX_REASON_CHARS}
            hint="This rule will be suppressed on this exact content (SHA-256) in every scan of the case."
          />
          <button type="submit" disabled={isSaving || reason.trim() === ''}>
            Suppress
          </button>
          <button
            type="button"
            onClick={() => {
              setIsOpen(false)
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => {
            setIsOpen(true)
          }}
        >
          False positive — suppress
        </button>
      )}
      {error !== undefined && <ErrorNotice error={error} title="Could not suppress the finding" />}
    </section>
  )
}
