import { utilityProcess } from 'electron'
import type { UtilityProcess } from 'electron'
import type { ScanChildHandle, ScanChildLauncher } from '../core/scan/child/child-handle'
import type { ChildResponse } from '../core/scan/child/protocol'

/** The name the scan process shows in `app.getAppMetrics()` and crash reports. */
export const SCAN_SERVICE_NAME = 'Outpost scan'

/** Options of {@link createUtilityProcessLauncher}. */
export interface UtilityProcessLauncherOptions {
  /** Absolute path of the built scan-child entry (`out/main/scan-child.js`). */
  readonly modulePath: string
  /** Where the child's stdout/stderr lines go (default: the main-process console). */
  readonly log?: (line: string) => void
}

/**
 * A {@link ScanChildLauncher} over Electron's `utilityProcess`.
 *
 * Inside the packaged app `child_process.fork` cannot run the Electron binary as Node (the
 * RunAsNode fuse is off), so scans run in a utility process; it can be killed mid-file, which
 * a worker thread busy in native YARA code cannot. Must be used after `ready`.
 */
export function createUtilityProcessLauncher(
  options: UtilityProcessLauncherOptions,
): ScanChildLauncher {
  const log =
    options.log ??
    ((line: string) => {
      console.log(line)
    })
  return {
    launch(): ScanChildHandle {
      const child = utilityProcess.fork(options.modulePath, [], {
        serviceName: SCAN_SERVICE_NAME,
        stdio: 'pipe',
      })
      drain(child, log)
      return wrapChild(child)
    },
  }
}

// With stdio 'pipe' somebody must read, or a chatty child blocks once the pipe buffer fills.
function drain(child: UtilityProcess, log: (line: string) => void): void {
  for (const [name, stream] of [
    ['stdout', child.stdout],
    ['stderr', child.stderr],
  ] as const) {
    stream?.on('data', (chunk: unknown) => {
      for (const line of String(chunk).split('\n')) {
        if (line.trim() !== '') log(`[scan-child ${name}] ${line}`)
      }
    })
  }
}

function wrapChild(child: UtilityProcess): ScanChildHandle {
  // Remember the exit, so a listener added after the child died still hears about it once.
  let exitCode: number | undefined
  const exitListeners: ((code: number | null, signal: string | null) => void)[] = []
  child.once('exit', (code: number) => {
    exitCode = code
    // Electron reports only an exit code; a kill shows up as a code, never as a signal name.
    for (const listener of exitListeners.splice(0)) listener(code, null)
  })
  return {
    get pid() {
      return child.pid
    },
    send(message) {
      if (exitCode === undefined) child.postMessage(message)
    },
    onMessage(listener) {
      // The child is our own scan-child entry speaking the protocol in protocol.ts.
      child.on('message', (message: unknown) => {
        listener(message as ChildResponse)
      })
    },
    onExit(listener) {
      const code = exitCode
      if (code === undefined) exitListeners.push(listener)
      else
        queueMicrotask(() => {
          listener(code, null)
        })
    },
    kill() {
      killNow(child)
    },
  }
}

/**
 * Stop the child at once. `UtilityProcess.kill()` sends SIGTERM on POSIX, which a child could
 * catch or delay; the hard deadline needs SIGKILL, so send that first, then let Electron reap it.
 */
function killNow(child: UtilityProcess): void {
  const pid = child.pid
  if (pid !== undefined && process.platform !== 'win32') {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone: Electron's kill() below still reaps it.
    }
  }
  child.kill()
}
