import type { MessagePort } from 'node:worker_threads'
import type { ImportResult, VerificationView } from '../../model/sharing'
import type { ExportRequest } from '../gather/gather-export'
import type { CaseExportBuild } from '../share-actions'
import type { BundleKeyInfo } from '../bundle/bundle-members'

/** Where the worker finds the case and the keys (it opens its own connection). */
export interface WorkerPlace {
  /** The per-user data folder: the signing keys and the trust store. */
  readonly dataDir: string
  /** A better-sqlite3 `.node` built for this runtime, when not the default one. */
  readonly nativeBinding?: string | undefined
}

/** Build an export's bundle (reads the case; main writes the files and the audit entry). */
export interface ExportJob extends WorkerPlace {
  readonly kind: 'export'
  readonly casePath: string
  readonly request: Omit<ExportRequest, 'producer'>
  /** The unlocked key's public part; the seed stays in main, which signs on request. */
  readonly signer: BundleKeyInfo & { readonly org: string }
  /** The signing time, ISO 8601. */
  readonly now: string
}

/** Verify a partner's bundle (reads the file and the trust store only). */
export interface VerifyJob extends WorkerPlace {
  readonly kind: 'verify'
  readonly path: string
  readonly acceptUnknownKey: boolean
}

/** Verify and import a partner's bundle into the case, in one transaction. */
export interface ImportJob extends WorkerPlace {
  readonly kind: 'import'
  readonly path: string
  readonly acceptUnknownKey: boolean
  readonly casePath: string
  readonly caseUuid: string
  readonly actor: string
}

export type ShareJob = ExportJob | VerifyJob | ImportJob

/** What each job answers. */
export interface ShareJobResults {
  readonly export: CaseExportBuild
  readonly verify: VerificationView
  readonly import: ImportResult
}

/** The steps of an export, in order (the last one runs in main). */
export const EXPORT_STEPS = [
  'reading the case',
  'building STIX',
  'checking STIX and rules',
  'building MISP',
  'rendering the report',
  'signing and zipping',
  'writing the bundle',
] as const

/** A message the worker posts to main. */
export type WorkerMessage =
  | {
      readonly type: 'progress'
      readonly phase: string
      readonly done: number
      readonly total: number | null
    }
  | { readonly type: 'done'; readonly result: unknown }
  | {
      readonly type: 'error'
      readonly code: string
      readonly message: string
      readonly details?: unknown
    }

/** A signing request from the worker (BLAKE2b-512 of the data: minisign's prehashed mode). */
export interface SignRequest {
  readonly hash: Uint8Array
  readonly comment: string
}

/** Main's answer to a {@link SignRequest}. */
export type SignReply = { readonly signature: string } | { readonly error: string }

/** What the worker receives as `workerData`. */
export interface WorkerStart {
  readonly job: ShareJob
  /** Int32 [0]: 1 once main asked to cancel. */
  readonly cancel: SharedArrayBuffer
  /** Int32 [0]: set to 1 by main when a sign reply is on `signPort`. */
  readonly signFlag: SharedArrayBuffer
  readonly signPort: MessagePort | null
}
