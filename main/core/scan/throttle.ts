/** Run `fn` at most every `ms` via `maybe()`, or at once via `now()`. */
export function throttled(fn: () => void, ms: number): { maybe(): void; now(): void } {
  let last = 0
  return {
    maybe(): void {
      const t = Date.now()
      if (t - last >= ms) {
        last = t
        fn()
      }
    },
    now(): void {
      last = Date.now()
      fn()
    },
  }
}
