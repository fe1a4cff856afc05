import { useId, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { FindingRow, TriageStatus } from '../../../main/core/model/findings'
import type { Result } from '../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { invoke } from '../../lib/api'
import { isTextEntry, triageForKey } from './triage-shortcuts'
import { TagEditor } from './TagEditor'
import { TriageStatusSelect } from './TriageStatusSelect'

/** Props of {@link FindingTriage}. */
export interface FindingTriageProps {
  readonly finding: FindingRow
  /** Called after a change was saved, so the caller reloads the finding (and its table). */
  readonly onChanged: () => void
}

interface Shown {
  readonly status: TriageStatus
  readonly tags: readonly string[]
}

/**
 * The triage of one finding: its status (radio group; keys n r c f b while the section has
 * focus) and its tags (t focuses the tag field). Each change is saved at once
 * (`findings:setTriage`, `findings:setTags`) and signed in the audit log by the examiner.
 * Marking it false positive here judges this finding only: it is not a suppression.
 */
export function FindingTriage({ finding, onChanged }: FindingTriageProps) {
  const headingId = useId()
  const tagField = useRef<HTMLInputElement>(null)
  const [source, setSource] = useState(finding)
  const [shown, setShown] = useState<Shown>(() => snapshot(finding))
  const [error, setError] = useState<{ title: string; info: ErrorInfo }>()
  const [isBusy, setIsBusy] = useState(false)
  // A new or reloaded finding replaces what was shown (React's "adjust state on prop change").
  if (source !== finding) {
    setSource(finding)
    setShown(snapshot(finding))
  }

  async function save(next: Shown, title: string, call: () => Promise<Result<unknown>>) {
    const before = shown
    setShown(next)
    setIsBusy(true)
    setError(undefined)
    const result = await call()
    setIsBusy(false)
    if (!result.ok) {
      setShown(before)
      setError({ title, info: result.error })
      return
    }
    onChanged()
  }

  function setStatus(status: TriageStatus) {
    if (status === shown.status || isBusy) return
    void save({ ...shown, status }, 'Could not change the triage status', () =>
      invoke('findings:setTriage', { findingIds: [finding.id], status }),
    )
  }

  function changeTags(add: readonly string[], remove: readonly string[]) {
    if (isBusy) return
    const tags = [...shown.tags.filter((t) => !remove.includes(t)), ...add].sort()
    void save({ ...shown, tags }, 'Could not change the tags', () =>
      invoke('findings:setTags', { findingIds: [finding.id], add: [...add], remove: [...remove] }),
    )
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const status = triageForKey(event)
    if (status !== null) {
      event.preventDefault()
      setStatus(status)
    } else if (event.key === 't' && !isTextEntry(event.target) && !hasModifier(event)) {
      event.preventDefault()
      tagField.current?.focus()
    }
  }

  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- keys bubble from its controls
    <section
      className="finding-triage"
      aria-labelledby={headingId}
      aria-describedby={`${headingId}-keys`}
      // Focusable so its keys work before any control in it is focused (the pane passes focus).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <h5 id={headingId}>Triage</h5>
      <p id={`${headingId}-keys`} className="hint">
        Keys: <kbd>n</kbd> new, <kbd>r</kbd> needs review, <kbd>c</kbd> confirmed, <kbd>f</kbd>{' '}
        false positive, <kbd>b</kbd> benign, <kbd>t</kbd> tag.
      </p>
      {/* Not disabled while saving: a disabled control would drop the keyboard focus. */}
      <TriageStatusSelect value={shown.status} onChange={setStatus} />
      <TagEditor
        tags={shown.tags}
        inputRef={tagField}
        onAdd={(tag) => {
          changeTags([tag], [])
        }}
        onRemove={(tag) => {
          changeTags([], [tag])
        }}
      />
      {error !== undefined && <ErrorNotice error={error.info} title={error.title} />}
    </section>
  )
}

function snapshot(finding: FindingRow): Shown {
  return { status: finding.triageStatus, tags: finding.tags }
}

function hasModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.altKey || event.metaKey || event.shiftKey
}
