/**
 * Pause and resume of a running scan. Pausing stops handing out new files; files already in a
 * scan process finish and are committed, so a paused scan holds no half-done work (and can be
 * cancelled or killed safely). The scan processes stay loaded, so resuming is instant.
 */
export class ScanControl {
  private waiters: (() => void)[] = []
  private pausedNow = false
  private readonly listeners = new Set<(paused: boolean) => void>()

  get paused(): boolean {
    return this.pausedNow
  }

  pause(): void {
    if (this.pausedNow) return
    this.pausedNow = true
    this.notify()
  }

  resume(): void {
    if (!this.pausedNow) return
    this.pausedNow = false
    for (const wake of this.waiters.splice(0)) wake()
    this.notify()
  }

  /** Called with the new state on every change (progress events use it). */
  onChange(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Resolves at once when running, else when resumed or when `signal` aborts. */
  async whileRunning(signal: AbortSignal): Promise<void> {
    if (!this.pausedNow || signal.aborted) return
    await new Promise<void>((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done)
        resolve()
      }
      this.waiters.push(done)
      signal.addEventListener('abort', done, { once: true })
    })
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.pausedNow)
  }
}
