import type { ChildRequest, ChildResponse } from './protocol'

/**
 * A running scan process, whatever started it.
 *
 * Under plain Node (CLI, tests) it is a `child_process.fork`; inside Electron it is a
 * `utilityProcess` (forking the Electron binary as Node is blocked by the RunAsNode fuse).
 * Either can be killed mid-file, which a worker thread cannot be.
 */
export interface ScanChildHandle {
  readonly pid: number | undefined
  send(message: ChildRequest): void
  onMessage(listener: (message: ChildResponse) => void): void
  /** Called once when the process has gone, whatever the reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): void
  /** Kill at once (SIGKILL): used at the hard deadline and on cancel. */
  kill(): void
}

/** Starts scan processes. */
export interface ScanChildLauncher {
  launch(): ScanChildHandle
}
