import { useId, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { COLUMNS } from './columns'
import type { ColumnId } from './columns'

/** Props of {@link ColumnChooser}. */
export interface ColumnChooserProps {
  readonly columns: readonly ColumnId[]
  readonly onChange: (columns: ColumnId[]) => void
}

/**
 * "Columns": a disclosure button opening a group of checkboxes, one per column (the rule
 * column always shown). Escape closes it and gives focus back to the button.
 */
export function ColumnChooser({ columns, onChange }: ColumnChooserProps) {
  const id = useId()
  const [isOpen, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !isOpen) return
    event.stopPropagation()
    setOpen(false)
    button.current?.focus()
  }

  return (
    // Escape is taken from any checkbox inside the open panel, as in a menu.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div className="column-chooser" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        aria-expanded={isOpen}
        aria-controls={`${id}-panel`}
        onClick={() => {
          setOpen(!isOpen)
        }}
      >
        Columns
      </button>
      {isOpen && (
        <div
          id={`${id}-panel`}
          role="group"
          aria-label="Visible columns"
          className="column-chooser-panel"
        >
          {COLUMNS.map((column) => {
            const checkboxId = `${id}-${column.id}`
            const isRule = column.id === 'rule'
            const isShown = isRule || columns.includes(column.id)
            return (
              <div key={column.id} className="facet-option">
                <input
                  id={checkboxId}
                  type="checkbox"
                  checked={isShown}
                  disabled={isRule}
                  onChange={() => {
                    onChange(
                      isShown ? columns.filter((c) => c !== column.id) : [...columns, column.id],
                    )
                  }}
                />
                <label htmlFor={checkboxId}>{column.label}</label>
              </div>
            )
          })}
        </div>
      )}
    </div>
  )
}
