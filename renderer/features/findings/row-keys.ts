/**
 * The row a key moves the selection to in a list of `count` rows, or null when the key does
 * not move it (Arrow up/down, Home, End).
 */
export function nextRowIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null
  switch (key) {
    case 'ArrowDown':
      return Math.min(current + 1, count - 1)
    case 'ArrowUp':
      return Math.max(current - 1, 0)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}
