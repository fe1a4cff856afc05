import { appendAudit } from '../case/audit-log'
import type { Db } from '../case/open-case-db'
import { keyFingerprint, parsePublicKey } from '../crypto/minisign'
import type { ExportResult, ImportResult, VerificationView } from '../model/sharing'
import { importVerifiedBundle, verificationView, auditVerification } from './bundle/import-bundle'
import { buildBundle, writeBundle } from './bundle/write-bundle'
import type { BuiltBundle, BundleSigner, WrittenBundle } from './bundle/write-bundle'
import { verifyBundle } from './bundle/verify-bundle'
import { gatherExport } from './gather/gather-export'
import type { ExportRequest } from './gather/gather-export'
import type { ExportModel } from './export-model'
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
  const build = buildCaseExport(db, request, bundleSigner(signer), now)
  return recordCaseExport(db, caseUuid, request.examiner, build, folder, now)
}

/** A built export, before it is written: the bundle's bytes and what the audit entry records. */
export interface CaseExportBuild {
  readonly built: BuiltBundle
  readonly bundleId: string
  readonly findings: number
  readonly rules: number
  readonly withheld: ExportModel['withheld']
  readonly tlp: ExportModel['tlp']
  readonly redaction: ExportModel['redaction']
  readonly keyId: string
  readonly auditHead: ExportModel['audit']['head']
}

/**
 * Gather and build the bundle of an export; reads the case only, writes nothing (so it can run
 * on its own connection, off the main thread). `onStep` hears each phase as it starts.
 */
export function buildCaseExport(
  db: Db,
  request: Omit<ExportRequest, 'producer'>,
  signer: BundleSigner,
  now: Date,
  onStep: (phase: string) => void = () => undefined,
): CaseExportBuild {
  onStep('reading the case')
  const model = gatherExport(db, {
    ...request,
    producer: { org: signer.org, keyId: signer.keyId },
  })
  const built = buildBundle(model, signer, now, onStep)
  return {
    built,
    bundleId: model.bundleId,
    findings: model.findings.length,
    rules: model.rules.length,
    withheld: model.withheld,
    tlp: model.tlp,
    redaction: model.redaction,
    keyId: signer.keyId,
    auditHead: model.audit.head,
  }
}

/** Write a built export into `folder` (atomically) and record it in the audit log. */
export function recordCaseExport(
  db: Db,
  caseUuid: string,
  examiner: string,
  build: CaseExportBuild,
  folder: string,
  now = new Date(),
): ExportResult {
  return auditCaseExport(db, caseUuid, examiner, build, writeBundle(build.built, folder), now)
}

/** Record a written export in the audit log; the result the analyst sees. */
export function auditCaseExport(
  db: Db,
  caseUuid: string,
  examiner: string,
  build: CaseExportBuild,
  written: WrittenBundle,
  now = new Date(),
): ExportResult {
  const { built } = build
  const result: ExportResult = {
    zipPath: written.zipPath,
    signaturePath: written.signaturePath,
    bundleId: build.bundleId,
    sizeBytes: built.zip.length,
    findings: build.findings,
    rules: build.rules,
    withheldAboveTlp: build.withheld.findingsAboveTlp,
    tlp: build.tlp,
    redaction: build.redaction.profile,
    keyId: build.keyId,
  }
  appendAudit(
    db,
    caseUuid,
    {
      actor: examiner,
      action: 'share.exported',
      subject: built.fileName,
      details: {
        bundleId: build.bundleId,
        manifestSha256: built.manifestSha256,
        tlp: build.tlp,
        redaction: build.redaction,
        findings: build.findings,
        withheld: build.withheld,
        keyId: build.keyId,
        auditHead: build.auditHead,
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
