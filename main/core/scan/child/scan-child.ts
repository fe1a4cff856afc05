/**
 * Entry point of a scan process (`out/main/scan-child.js`).
 *
 * Started by `child_process.fork` (CLI, tests) or Electron's `utilityProcess.fork` (the app).
 * Requests are queued and handled strictly one at a time, so the parent's per-file deadline
 * always refers to the file in hand.
 */
import { ChildRuntime } from './child-runtime'
import type { ChildRequest, ChildResponse } from './protocol'

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort

function send(message: ChildResponse): void {
  if (parentPort) parentPort.postMessage(message)
  else process.send?.(message)
}

const runtime = new ChildRuntime(send)
let queue: Promise<void> = Promise.resolve()

function enqueue(message: unknown): void {
  queue = queue
    .then(() => runtime.handle(message as ChildRequest))
    .catch((error: unknown) => {
      // A bug in the scan process: say so on stderr and exit; the parent restarts us.
      console.error('[scan-child] fatal:', error)
      process.exit(70)
    })
}

if (parentPort)
  parentPort.on('message', (event) => {
    enqueue(event.data)
  })
else process.on('message', enqueue)

// The parent going away must not leave an orphan scanning on.
process.on('disconnect', () => process.exit(0))

send({ type: 'ready' })
