import { appendAudit } from '../case/audit-log'
import type { Db } from '../case/open-case-db'
import { keyFingerprint, parsePublicKey } from '../crypto/minisign'
import type { ExportResult, ImportResult, VerificationView } from '../model/sharing'
import { importVerifiedBundle, verificationView, auditVerification } from './bundle/import-bundle'
import { buildBundle, writeBundle } from './bundle/write-bundle'
import type { BundleSigner } from './bundle/write-bundle'
import { verifyBundle } from './bundle/verify-bundle'
import { gatherExport } from './gather/gather-export'
import type { ExportRequest } from './gather/gather-export'
import type { SigningKeyStore, Signer } from './keys/key-store'
import { resolveSigner } from './keys/trust-store'
import type { TrustStore } from './keys/trust-store'

/** The workbench's keys and the partner keys it trusts. */
export interface SharingStores {
  readonly keys: SigningKeyStore
  readonly trust: TrustStore
}

/** A {@link BundleSigner} from an unlocked key. */
export function bundleSigner(signer: Signer): BundleSigner {
  return {
    keyId: signer.keyId,
    org: signer.org,
    publicKeyText: signer.publicKeyText,
    publicKeyBase64: signer.publicKeyBase64,
    fingerprint: keyFingerprint(parsePublicKey(signer.publicKeyBase64).publicKey),
    sign: (data, comment) => signer.sign(data, comment),
  }
}

/**
 * Export the case as a signed bundle into `folder` and record it in the audit log.
 *
 * The producer is the signing key's organisation; the examiner is who exports.
 */
export function exportCaseBundle(
  db: Db,
  caseUuid: string,
  request: Omit<ExportRequest, 'producer'>,
  signer: Signer,
  folder: string,
  now = new Date(),
): ExportResult {
  const model = gatherExport(db, {
    ...request,
    producer: { org: signer.org, keyId: signer.keyId },
  })
  const built = buildBundle(model, bundleSigner(signer), now)
  const written = writeBundle(built, folder)
  const result: ExportResult = {
    zipPath: written.zipPath,
    signaturePath: written.signaturePath,
    bundleId: model.bundleId,
    sizeBytes: built.zip.length,
    findings: model.findings.length,
    rules: model.rules.length,
    withheldAboveTlp: model.withheld.findingsAboveTlp,
    tlp: model.tlp,
    redaction: model.redaction.profile,
    keyId: signer.keyId,
  }
  appendAudit(
    db,
    caseUuid,
    {
      actor: request.examiner,
      action: 'share.exported',
      subject: built.fileName,
      details: {
        bundleId: model.bundleId,
        manifestSha256: built.manifestSha256,
        tlp: model.tlp,
        redaction: model.redaction,
        findings: model.findings.length,
        withheld: model.withheld,
        keyId: signer.keyId,
        auditHead: model.audit.head,
      },
    },
    now,
  )
  return result
}

/**
 * Verify a partner's bundle against the trust store; with a case open, record the verification.
 *
 * @throws AppError as `verifyBundle` when any check fails.
 */
export function verifyBundleFile(
  path: string,
  stores: SharingStores,
  options: { readonly acceptUnknownKey?: boolean; readonly audit?: AuditTarget },
): VerificationView {
  const verified = verifyBundle(path, {
    resolveKey: (keyId) => resolveSigner(keyId, stores),
    acceptUnknownKey: options.acceptUnknownKey ?? false,
  })
  const view = verificationView(verified.verification)
  if (options.audit !== undefined) {
    auditVerification(options.audit.db, options.audit.caseUuid, options.audit.actor, view)
  }
  return view
}

/** Where and by whom a verification or import is recorded. */
export interface AuditTarget {
  readonly db: Db
  readonly caseUuid: string
  readonly actor: string
}

/**
 * Verify a partner's bundle, then import it into the case (read-only partner tables).
 *
 * @throws AppError as `verifyBundle`, or `BUNDLE_INVALID` for malformed content.
 */
export function importBundleFile(
  path: string,
  stores: SharingStores,
  target: AuditTarget,
  options: { readonly acceptUnknownKey?: boolean } = {},
): ImportResult {
  const verified = verifyBundle(path, {
    resolveKey: (keyId) => resolveSigner(keyId, stores),
    acceptUnknownKey: options.acceptUnknownKey ?? false,
  })
  auditVerification(
    target.db,
    target.caseUuid,
    target.actor,
    verificationView(verified.verification),
  )
  return importVerifiedBundle(target.db, target.caseUuid, target.actor, verified)
}
