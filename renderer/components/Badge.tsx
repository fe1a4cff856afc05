import type { ReactNode } from 'react'

/** How a {@link Badge} stands out: neutral, a warning, a danger, or good news. */
export type BadgeTone = 'neutral' | 'warning' | 'danger' | 'ok'

/** Props of {@link Badge}. */
export interface BadgeProps {
  readonly tone?: BadgeTone
  readonly children: ReactNode
}

/**
 * A short inline tag ("Deleted", "Unallocated", "Verified"): text, so it is read out as is.
 */
export function Badge({ tone = 'neutral', children }: BadgeProps) {
  return <span className={`badge badge-${tone}`}>{children}</span>
}
