/**
 * The row a navigation key moves the focus to, in a list of `count` rows of which `page` fit
 * the viewport; null for keys that do not move it.
 */
export function movedIndex(
  key: string,
  current: number,
  count: number,
  page: number,
): number | null {
  if (count === 0) return null
  const last = count - 1
  switch (key) {
    case 'ArrowDown':
      return Math.min(current + 1, last)
    case 'ArrowUp':
      return Math.max(current - 1, 0)
    case 'PageDown':
      return Math.min(current + Math.max(page - 1, 1), last)
    case 'PageUp':
      return Math.max(current - Math.max(page - 1, 1), 0)
    case 'Home':
      return 0
    case 'End':
      return last
    default:
      return null
  }
}

/** The indexes from `a` to `b`, both included, in either order. */
export function indexRange(a: number, b: number): number[] {
  const [from, to] = a <= b ? [a, b] : [b, a]
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}
