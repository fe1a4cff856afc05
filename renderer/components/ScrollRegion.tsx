import type { ReactNode } from 'react'

/** Props of {@link ScrollRegion}. */
export interface ScrollRegionProps {
  /** The accessible name of the region (what scrolls: "Files", "Rules of …"). */
  readonly label: string
  readonly children: ReactNode
}

/**
 * A wide table that scrolls sideways inside its card. It takes keyboard focus, so someone
 * without a mouse can scroll it with the arrow keys (WCAG 2.1.1; axe `scrollable-region-focusable`).
 */
export function ScrollRegion({ label, children }: ScrollRegionProps) {
  return (
    // A focusable scroll container is the pattern WCAG asks for; the region names it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}
