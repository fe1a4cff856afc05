import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { MessageChannel, Worker } from 'node:worker_threads'
import { AppError, ERROR_CODES } from '../../model/errors'
import type { ErrorCode } from '../../model/errors'
import type { Signer } from '../keys/key-store'
import type {
  ShareJob,
  ShareJobResults,
  SignRequest,
  WorkerMessage,
  WorkerStart,
} from './share-job'

/** How a background share job reports and is stopped. */
export interface ShareJobControl {
  readonly signal: AbortSignal
  readonly onProgress: (phase: string, done: number, total: number | null) => void
  /** The unlocked key that signs an export (it stays in this thread). */
  readonly signer?: Signer
}

/**
 * Run a share job in a worker thread and resolve with its result.
 *
 * Cancel (the signal): the worker's next progress checkpoint throws `CANCELLED`; a job that does
 * not write (export, verify) is also terminated at once. An import is left to reach its
 * checkpoint, so its transaction rolls back cleanly (terminating it would too — SQLite drops an
 * uncommitted transaction when the connection goes — but the checkpoint is the ordinary path).
 *
 * @throws AppError `CANCELLED`, or the job's own AppError.
 */
export function runShareJob<J extends ShareJob>(
  job: J,
  control: ShareJobControl,
): Promise<ShareJobResults[J['kind']]> {
  if (control.signal.aborted) return Promise.reject(cancelled())
  const cancel = new SharedArrayBuffer(4)
  const signFlag = new SharedArrayBuffer(4)
  const channel = job.kind === 'export' ? new MessageChannel() : null
  const start: WorkerStart = { job, cancel, signFlag, signPort: channel?.port2 ?? null }
  const worker = new Worker(workerUrl(), {
    workerData: start,
    transferList: channel === null ? [] : [channel.port2],
  })
  if (channel !== null) serveSigning(channel.port1, new Int32Array(signFlag), control.signer)
  return new Promise((resolve, reject) => {
    let settled = false
    const finish = (error: AppError | null, value?: unknown): void => {
      if (settled) return
      settled = true
      control.signal.removeEventListener('abort', onAbort)
      channel?.port1.close()
      void worker.terminate()
      if (error === null) resolve(value as ShareJobResults[J['kind']])
      else reject(error)
    }
    const onAbort = (): void => {
      Atomics.store(new Int32Array(cancel), 0, 1)
      if (job.kind !== 'import') finish(cancelled())
    }
    control.signal.addEventListener('abort', onAbort)
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        if (!settled) control.onProgress(message.phase, message.done, message.total)
      } else if (message.type === 'done') {
        finish(null, message.result)
      } else {
        finish(toAppError(message))
      }
    })
    worker.on('error', (error) => {
      finish(
        new AppError(
          'INTERNAL',
          `The background ${job.kind} stopped: ${error.message}. Nothing was written; try again.`,
          { cause: error },
        ),
      )
    })
    worker.on('exit', (code) => {
      finish(
        new AppError(
          'INTERNAL',
          `The background ${job.kind} ended unexpectedly (exit ${code}). Nothing was written; try again.`,
        ),
      )
    })
  })
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'Cancelled — nothing was written.')
}

function toAppError(message: WorkerMessage & { type: 'error' }): AppError {
  const code = (ERROR_CODES as readonly string[]).includes(message.code)
    ? (message.code as ErrorCode)
    : 'INTERNAL'
  return new AppError(
    code,
    message.message,
    message.details === undefined ? undefined : { details: message.details },
  )
}

/** Answer the worker's signing requests with the unlocked key, then wake it. */
function serveSigning(
  port: MessageChannel['port1'],
  flag: Int32Array,
  signer: Signer | undefined,
): void {
  port.on('message', (request: SignRequest) => {
    try {
      if (signer === undefined) throw new Error('no signing key was unlocked')
      port.postMessage({ signature: signer.signHash(request.hash, request.comment) })
    } catch (error: unknown) {
      port.postMessage({ error: error instanceof Error ? error.message : String(error) })
    }
    Atomics.store(flag, 0, 1)
    Atomics.notify(flag, 0)
  })
}

/**
 * The worker program: `share-worker.js` beside the built main bundle, or — running from source
 * (tests, tsx) — the TypeScript entry loaded through tsx's loader.
 */
function workerUrl(): URL {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const built of [join(here, 'share-worker.js'), join(here, '..', 'share-worker.js')]) {
    if (existsSync(built)) return pathToFileURL(built)
  }
  const source = pathToFileURL(join(here, 'share-worker.ts')).href
  const tsx = pathToFileURL(join(here, '../../../../node_modules/tsx/dist/esm/api/index.mjs')).href
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(source)});`
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`)
}
