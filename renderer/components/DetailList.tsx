import type { ReactNode } from 'react'

/** One row of a {@link DetailList}: the term and what to show for it. */
export type DetailItem = readonly [term: string, value: ReactNode]

/** Props of {@link DetailList}. */
export interface DetailListProps {
  readonly items: readonly DetailItem[]
  readonly className?: string
}

/**
 * A description list of term/value pairs, laid out as a two-column grid.
 */
export function DetailList({ items, className }: DetailListProps) {
  return (
    <dl className={className === undefined ? 'kv' : `kv ${className}`}>
      {items.map(([term, value]) => (
        <div key={term} className="kv-row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
