import { useEffect, useId, useRef } from 'react'
import { FINDINGS_SHORTCUTS } from './triage-shortcuts'

/** Props of {@link ShortcutHelp}. */
export interface ShortcutHelpProps {
  readonly onClose: () => void
}

/**
 * The keys of the findings table and its detail pane (opened with `?`). Takes the focus when it
 * opens (its one control is Close, so the focus stays there); Esc or Close closes it, and the
 * caller puts the focus back.
 */
export function ShortcutHelp({ onClose }: ShortcutHelpProps) {
  const headingId = useId()
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    close.current?.focus()
  }, [])
  return (
    <div role="dialog" aria-labelledby={headingId} className="shortcut-help">
      <h4 id={headingId}>Keyboard shortcuts</h4>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {FINDINGS_SHORTCUTS.map((entry) => (
            <tr key={entry.action}>
              <td>
                {entry.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ' '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{entry.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          ref={close}
          type="button"
          onClick={onClose}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation()
              onClose()
            }
          }}
        >
          Close
        </button>
      </div>
    </div>
  )
}
