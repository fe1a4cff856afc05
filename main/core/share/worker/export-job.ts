import type { BuiltBundle } from '../bundle/write-bundle'
import type { Signer } from '../keys/key-store'
import { bundleSigner } from '../share-actions'
import type { CaseExportBuild } from '../share-actions'
import type { ExportJob } from './share-job'

/** An {@link ExportJob} for the worker: the signer's public part only (main keeps the seed). */
export function exportJob(
  input: Omit<ExportJob, 'kind' | 'signer' | 'now'> & {
    readonly signer: Signer
    readonly now: Date
  },
): ExportJob {
  const signer = bundleSigner(input.signer)
  return {
    kind: 'export',
    dataDir: input.dataDir,
    ...(input.nativeBinding === undefined ? {} : { nativeBinding: input.nativeBinding }),
    casePath: input.casePath,
    request: input.request,
    signer: {
      keyId: signer.keyId,
      org: signer.org,
      publicKeyText: signer.publicKeyText,
      publicKeyBase64: signer.publicKeyBase64,
      fingerprint: signer.fingerprint,
    },
    now: input.now.toISOString(),
  }
}

/** The built bundle with its zip as a Buffer again (it crossed the thread as a Uint8Array). */
export function zipAsBuffer(build: CaseExportBuild): BuiltBundle {
  const zip = build.built.zip as Uint8Array
  return { ...build.built, zip: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength) }
}
