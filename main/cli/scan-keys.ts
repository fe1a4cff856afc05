import type { ScanControl } from '../core/scan/scan-control'

/**
 * Pause and resume a running CLI scan: `kill -USR1 <pid>` toggles (scripts, other terminals);
 * on an interactive terminal the `p` key toggles too and Ctrl-C still stops the scan (raw mode
 * turns Ctrl-C into a key, so it is passed on as SIGINT). Returns the detach function.
 */
export function attachScanKeys(control: ScanControl, say: (text: string) => void): () => void {
  const toggle = (): void => {
    if (control.paused) control.resume()
    else control.pause()
    say(
      control.paused
        ? '\noutpost: paused (files in progress finish first); press p or send SIGUSR1 to resume\n'
        : '\noutpost: resumed\n',
    )
  }
  process.on('SIGUSR1', toggle)
  const stdin = process.stdin
  const interactive = stdin.isTTY && process.stderr.isTTY
  const onKey = (key: Buffer): void => {
    const text = key.toString('utf8')
    if (text === 'p' || text === 'P') toggle()
    else if (text === '\u0003') process.kill(process.pid, 'SIGINT')
  }
  if (interactive) {
    stdin.setRawMode(true)
    stdin.on('data', onKey)
    stdin.resume()
  }
  return () => {
    process.off('SIGUSR1', toggle)
    if (interactive) {
      stdin.off('data', onKey)
      stdin.setRawMode(false)
      stdin.pause()
    }
  }
}
