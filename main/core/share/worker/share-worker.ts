import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { auditVerification, importVerifiedBundle, verificationView } from '../bundle/import-bundle'
import { verifyBundle } from '../bundle/verify-bundle'
import type { BundleSigner } from '../bundle/write-bundle'
import { openCaseDb } from '../../case/open-case-db'
import type { Db } from '../../case/open-case-db'
import { blake2b512 } from '../../crypto/minisign'
import { AppError } from '../../model/errors'
import { SigningKeyStore } from '../../share/keys/key-store'
import { resolveSigner, TrustStore } from '../../share/keys/trust-store'
import { buildCaseExport } from '../share-actions'
import type { CaseExportBuild } from '../share-actions'
import type {
  ExportJob,
  ImportJob,
  ShareJob,
  SignReply,
  WorkerMessage,
  WorkerStart,
} from './share-job'
import { EXPORT_STEPS } from './share-job'

/**
 * The share worker (a worker_thread of the main process): builds an export, verifies or imports
 * a bundle on its own case connection, so the main thread keeps answering the UI.
 *
 * Progress doubles as the cancel checkpoint: once main raised the cancel flag the next report
 * throws `CANCELLED` (an import then rolls back). Main also terminates a worker that does not
 * write, so a long synchronous step cannot delay a cancel.
 */
const start = workerData as WorkerStart
const cancelFlag = new Int32Array(start.cancel)
const signFlag = new Int32Array(start.signFlag)
/** At most one progress message per this many ms (main throttles again for the UI). */
const PROGRESS_EVERY_MS = 50
let lastPost = 0

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message)
}

function progress(phase: string, done: number, total: number | null, force = false): void {
  if (Atomics.load(cancelFlag, 0) === 1) {
    throw new AppError('CANCELLED', 'Cancelled — nothing was written.')
  }
  const now = Date.now()
  if (!force && now - lastPost < PROGRESS_EVERY_MS) return
  lastPost = now
  post({ type: 'progress', phase, done, total })
}

/** Sign in main (the key's seed never leaves it), waiting here for the answer. */
function signInMain(data: Uint8Array, comment: string): string {
  const port = start.signPort
  if (port === null) throw new AppError('INTERNAL', 'The export worker has no signer.')
  Atomics.store(signFlag, 0, 0)
  port.postMessage({ hash: blake2b512(data), comment })
  if (Atomics.wait(signFlag, 0, 0, 60_000) === 'timed-out') {
    throw new AppError('INTERNAL', 'The signing key did not answer within a minute.')
  }
  const reply = receiveMessageOnPort(port)?.message as SignReply | undefined
  if (reply === undefined || 'error' in reply) {
    throw new AppError('KEY_LOCKED', reply?.error ?? 'The signing key did not answer.')
  }
  return reply.signature
}

function stores(dataDir: string): { keys: SigningKeyStore; trust: TrustStore } {
  return { keys: SigningKeyStore.forDataDir(dataDir), trust: TrustStore.forDataDir(dataDir) }
}

function openDb(job: ExportJob | ImportJob): Db {
  return openCaseDb(job.casePath, {
    check: false,
    ...(job.nativeBinding === undefined ? {} : { nativeBinding: job.nativeBinding }),
  })
}

function runExport(job: ExportJob): unknown {
  const db = openDb(job)
  try {
    const signer: BundleSigner = { ...job.signer, sign: signInMain }
    return buildCaseExport(db, job.request, signer, new Date(job.now), (phase) => {
      const step = EXPORT_STEPS.indexOf(phase as (typeof EXPORT_STEPS)[number])
      progress(phase, Math.max(step, 0), EXPORT_STEPS.length, true)
    })
  } finally {
    db.close()
  }
}

function runVerify(job: ShareJob & { kind: 'verify' }): unknown {
  const own = stores(job.dataDir)
  const verified = verifyBundle(job.path, {
    resolveKey: (keyId) => resolveSigner(keyId, own),
    acceptUnknownKey: job.acceptUnknownKey,
    onProgress: progress,
  })
  return verificationView(verified.verification)
}

function runImport(job: ImportJob): unknown {
  const own = stores(job.dataDir)
  const verified = verifyBundle(job.path, {
    resolveKey: (keyId) => resolveSigner(keyId, own),
    acceptUnknownKey: job.acceptUnknownKey,
    onProgress: progress,
  })
  const db = openDb(job)
  try {
    // The verification's audit entry and the import commit together or not at all; IMMEDIATE
    // takes the write lock first, so the audit chain cannot fork with the main connection.
    return db
      .transaction(() => {
        auditVerification(db, job.caseUuid, job.actor, verificationView(verified.verification))
        return importVerifiedBundle(db, job.caseUuid, job.actor, verified, new Date(), progress)
      })
      .immediate()
  } finally {
    db.close()
  }
}

function run(job: ShareJob): unknown {
  switch (job.kind) {
    case 'export':
      return runExport(job)
    case 'verify':
      return runVerify(job)
    case 'import':
      return runImport(job)
  }
}

/** Hand the zip's memory to main instead of copying it there (a copy would block main). */
function transferZip(result: unknown): { result: unknown; transfer: ArrayBuffer[] } {
  if (start.job.kind !== 'export') return { result, transfer: [] }
  const build = result as CaseExportBuild
  const owned = new Uint8Array(build.built.zip.byteLength)
  owned.set(build.built.zip)
  return {
    result: { ...build, built: { ...build.built, zip: owned } },
    transfer: [owned.buffer],
  }
}

try {
  const { result, transfer } = transferZip(run(start.job))
  parentPort?.postMessage({ type: 'done', result } satisfies WorkerMessage, transfer)
} catch (error: unknown) {
  if (error instanceof AppError) {
    post({ type: 'error', code: error.code, message: error.message, details: error.details })
  } else {
    post({
      type: 'error',
      code: 'INTERNAL',
      message: error instanceof Error ? error.message : String(error),
    })
  }
}
