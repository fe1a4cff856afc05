import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import { invoke } from '../../lib/api'
import { formatUtcSeconds } from '../../lib/format'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { MarkdownText } from '../triage/MarkdownText'

/** Props of {@link FindingNotes}. */
export interface FindingNotesProps {
  readonly findingId: number
}

/** The longest note the form accepts (main's `MAX_NOTE_CHARS`). */
const MAX_NOTE_CHARS = 20_000

/**
 * The notes on a finding (`notes:list`): author, time and text, oldest first, and a form to add
 * one (`notes:add`). Notes are markdown, shown through a small safe subset ({@link MarkdownText}:
 * React elements only, links never live); line breaks are kept.
 */
export function FindingNotes({ findingId }: FindingNotesProps) {
  const fieldId = useId()
  const [revision, setRevision] = useState(0)
  const [body, setBody] = useState('')
  const [error, setError] = useState<ErrorInfo>()
  const [isBusy, setIsBusy] = useState(false)
  const notes = useInvoke('notes:list', { findingId }, revision)

  async function add(event: FormEvent) {
    event.preventDefault()
    if (body.trim() === '') {
      setError({ code: 'INVALID_INPUT', message: 'Write the note first.' })
      return
    }
    setIsBusy(true)
    setError(undefined)
    const added = await invoke('notes:add', { findingId, body })
    setIsBusy(false)
    if (!added.ok) {
      setError(added.error)
      return
    }
    setBody('')
    setRevision((n) => n + 1)
  }

  return (
    <div className="notes">
      <h5>Notes</h5>
      {notes.result?.ok === false && (
        <ErrorNotice error={notes.result.error} title="Could not list the notes" />
      )}
      {notes.result?.ok === true && notes.result.value.length === 0 && (
        <p className="muted">No notes yet.</p>
      )}
      {notes.result?.ok === true && notes.result.value.length > 0 && (
        <ol className="note-list" aria-label="Notes">
          {notes.result.value.map((note) => (
            <li key={note.id} className="note">
              <p className="note-meta">
                <SafeText value={note.author} max={200} />
                <span className="muted"> · {formatUtcSeconds(note.createdAt)}</span>
              </p>
              <MarkdownText value={note.body} />
            </li>
          ))}
        </ol>
      )}
      <form className="note-form" aria-label="Add a note" onSubmit={(e) => void add(e)}>
        <label htmlFor={fieldId}>New note</label>
        <textarea
          id={fieldId}
          rows={3}
          maxLength={MAX_NOTE_CHARS}
          aria-describedby={`${fieldId}-hint`}
          value={body}
          onChange={(e) => {
            setBody(e.target.value)
          }}
        />
        <small id={`${fieldId}-hint`} className="hint">
          Markdown: **bold**, *italic*, `code`, lists (- or 1.), &gt; quotes.
        </small>
        {error !== undefined && <ErrorNotice error={error} title="Could not add the note" />}
        <div className="actions">
          <button type="submit" disabled={isBusy}>
            Add note
          </button>
        </div>
      </form>
    </div>
  )
}
