import { useId, useState } from 'react'
import type { ReactNode } from 'react'

/** Props of {@link DetailFold}. */
export interface DetailFoldProps {
  readonly title: ReactNode
  readonly children: ReactNode
  readonly defaultOpen?: boolean
}

/**
 * A section of the finding detail that folds: its heading is a disclosure button (Enter or Space
 * folds and unfolds it), so a long detail stays calm and every part is one Tab away.
 */
export function DetailFold({ title, children, defaultOpen = true }: DetailFoldProps) {
  const id = useId()
  const [isOpen, setIsOpen] = useState(defaultOpen)
  return (
    <section className="detail-section detail-fold" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {/* The marker sits outside the button: generated or hidden text never enters its name. */}
        <span className="fold-marker" aria-hidden="true">
          {isOpen ? '▾' : '▸'}
        </span>
        <button
          type="button"
          className="fold-toggle"
          aria-expanded={isOpen}
          aria-controls={`${id}-body`}
          onClick={() => {
            setIsOpen((open) => !open)
          }}
        >
          {title}
        </button>
      </h4>
      <div id={`${id}-body`} hidden={!isOpen}>
        {children}
      </div>
    </section>
  )
}
