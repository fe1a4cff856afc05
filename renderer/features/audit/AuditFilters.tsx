import { useState } from 'react'
import type { FormEvent } from 'react'
import { TextField } from '../../components/TextField'

/** The audit view's filters: exact action and actor (empty = any). */
export interface AuditFilter {
  readonly action: string
  readonly actor: string
}

/** Props of {@link AuditFilters}. */
export interface AuditFiltersProps {
  readonly value: AuditFilter
  readonly onApply: (filter: AuditFilter) => void
}

/** Filter the audit entries by action (`finding.triage-set`) and by actor. */
export function AuditFilters({ value, onApply }: AuditFiltersProps) {
  const [draft, setDraft] = useState(value)
  function submit(event: FormEvent) {
    event.preventDefault()
    onApply({ action: draft.action.trim(), actor: draft.actor.trim() })
  }
  return (
    <form className="filters" aria-label="Audit filters" onSubmit={submit}>
      <TextField
        label="Action"
        isMono
        maxLength={200}
        placeholder="any, e.g. case.tlp-set"
        value={draft.action}
        onChange={(action) => {
          setDraft((d) => ({ ...d, action }))
        }}
      />
      <TextField
        label="Actor"
        maxLength={200}
        placeholder="any"
        value={draft.actor}
        onChange={(actor) => {
          setDraft((d) => ({ ...d, actor }))
        }}
      />
      <div className="actions">
        <button type="submit">Apply filters</button>
        <button
          type="button"
          onClick={() => {
            setDraft({ action: '', actor: '' })
            onApply({ action: '', actor: '' })
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  )
}
