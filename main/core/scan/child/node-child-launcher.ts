import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import type { ScanChildHandle, ScanChildLauncher } from './child-handle'
import type { ChildRequest, ChildResponse } from './protocol'

/** Where the scan-child program is and how to start it. */
export interface NodeChildEntry {
  /** `out/main/scan-child.js`, or `scan-child.ts` when running from source. */
  readonly path: string
  /** Extra Node flags, e.g. `['--import', 'tsx']` to run the TypeScript source. */
  readonly execArgv?: readonly string[]
  readonly cwd?: string
}

/**
 * Launch scan processes with `child_process.fork` (plain Node: the CLI and the tests).
 *
 * The child inherits stderr (its crash reports) but not stdin or stdout.
 */
export function createNodeChildLauncher(entry: NodeChildEntry): ScanChildLauncher {
  return {
    launch(): ScanChildHandle {
      const child = fork(entry.path, [], {
        execArgv: [...(entry.execArgv ?? [])],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        serialization: 'advanced',
        ...(entry.cwd === undefined ? {} : { cwd: entry.cwd }),
      })
      return wrap(child)
    },
  }
}

function wrap(child: ChildProcess): ScanChildHandle {
  return {
    pid: child.pid,
    send(message: ChildRequest): void {
      if (child.connected) child.send(message)
    },
    onMessage(listener: (message: ChildResponse) => void): void {
      child.on('message', (message) => {
        listener(message as ChildResponse)
      })
    },
    onExit(listener: (code: number | null, signal: string | null) => void): void {
      let reported = false
      const report = (code: number | null, signal: string | null): void => {
        if (reported) return
        reported = true
        listener(code, signal)
      }
      child.on('exit', report)
      // A failed spawn emits 'error' and may never emit 'exit'.
      child.on('error', () => {
        report(null, null)
      })
    },
    kill(): void {
      child.kill('SIGKILL')
    },
  }
}
