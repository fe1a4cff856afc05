/** The rows a virtualized list renders: `start` inclusive, `end` exclusive. */
export interface RowWindow {
  readonly start: number
  readonly end: number
}

/**
 * The rows to render for a scroll position: those in the viewport plus `overscan` on each side
 * (fixed row height, so the arithmetic is exact and no row is measured).
 */
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan: number,
): RowWindow {
  if (total <= 0) return { start: 0, end: 0 }
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1
  const start = Math.max(0, Math.min(first - overscan, total - 1))
  const end = Math.min(total, first + visible + overscan)
  return { start, end: Math.max(end, start + 1) }
}

/**
 * The scroll position that shows row `index` whole, moving as little as possible (none when
 * it is already in view).
 */
export function scrollToShow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = index * rowHeight
  if (top < scrollTop) return top
  const bottom = top + rowHeight
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight)
  return scrollTop
}

/** The blocks (of `blockSize` rows) that hold rows `start` to `end` (exclusive). */
export function blocksOf(window: RowWindow, blockSize: number): number[] {
  if (window.end <= window.start) return []
  const first = Math.floor(window.start / blockSize)
  const last = Math.floor((window.end - 1) / blockSize)
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}
