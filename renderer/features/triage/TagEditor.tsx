import { useId, useState } from 'react'
import type { KeyboardEvent, Ref } from 'react'
import { SafeText } from '../../components/SafeText'
import { useInvoke } from '../../lib/use-invoke'
import { normaliseTagInput } from './tag-input'

/** Props of {@link TagEditor}. */
export interface TagEditorProps {
  /** The tags shown (sorted by the caller); empty for a bulk "add a tag to the selection". */
  readonly tags: readonly string[]
  /** A normalised tag to add (never one of `tags`). */
  readonly onAdd: (tag: string) => void
  readonly onRemove: (tag: string) => void
  /** The field's label (default "Add a tag"). */
  readonly label?: string
  readonly isDisabled?: boolean
  /** The text field, so a shortcut (`t`) can focus it. */
  readonly inputRef?: Ref<HTMLInputElement>
}

/**
 * Tags of a finding: each with a remove button, and a field that adds one on Enter, suggesting
 * the case's tags (`tags:list`, most used first). Typed tags are normalised as main stores them
 * (`Lateral Movement` → `lateral-movement`); a tag main would refuse is explained at once.
 */
export function TagEditor({ tags, onAdd, onRemove, label, isDisabled, inputRef }: TagEditorProps) {
  const id = useId()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string>()
  // Asked again when the tags change: a tag just added elsewhere shows up in the suggestions.
  const known = useInvoke('tags:list', undefined, tags)
  const suggestions =
    known.result?.ok === true
      ? known.result.value.map((t) => t.tag).filter((tag) => !tags.includes(tag))
      : []

  function add() {
    const typed = normaliseTagInput(text)
    if ('error' in typed) {
      setProblem(typed.error)
      return
    }
    setProblem(undefined)
    setText('')
    if (tags.includes(typed.tag)) return
    onAdd(typed.tag)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault()
      add()
    } else if (event.key === 'Escape' && text !== '') {
      // Esc first clears the field; with an empty field it reaches the pane (close).
      event.stopPropagation()
      setText('')
      setProblem(undefined)
    }
  }

  return (
    <div className="tag-editor">
      {tags.length === 0 ? (
        <p className="muted">No tags yet.</p>
      ) : (
        <ul className="tag-list" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} className="tag">
              <SafeText value={tag} />
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove tag ${tag}`}
                disabled={isDisabled}
                onClick={() => {
                  onRemove(tag)
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="tag-add">
        <label htmlFor={id}>{label ?? 'Add a tag'}</label>
        <input
          id={id}
          ref={inputRef}
          type="text"
          list={`${id}-suggestions`}
          value={text}
          maxLength={200}
          disabled={isDisabled}
          aria-invalid={problem !== undefined}
          aria-describedby={problem === undefined ? `${id}-hint` : `${id}-hint ${id}-error`}
          onChange={(e) => {
            setText(e.target.value)
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" disabled={isDisabled} onClick={add}>
          Add
        </button>
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <small id={`${id}-hint`} className="hint">
          Enter adds the tag; Esc clears the field.
        </small>
        {problem !== undefined && (
          <p id={`${id}-error`} role="alert" className="field-error">
            {problem}
          </p>
        )}
        {known.result?.ok === false && (
          <small className="muted">No suggestions: the case&apos;s tags could not be listed.</small>
        )}
      </div>
    </div>
  )
}
