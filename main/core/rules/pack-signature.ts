import { AppError } from '../model/errors'
import { keyFingerprint, readSignatureKeyId, verifyMinisign } from '../crypto/minisign'
import type { SignerResolution } from '../share/keys/trust-store'
import type { PackManifest } from './pack-manifest'

/** The file beside `pack.json` that signs it. */
export const PACK_SIGNATURE_FILE = 'pack.json.minisig'

/** What a pack's signature says about it. */
export interface PackSignature {
  /** `unsigned`: no `pack.json.minisig` (a local pack the analyst chose to use as such). */
  readonly status: 'own' | 'trusted' | 'unsigned'
  readonly keyId: string | null
  readonly org: string | null
  readonly fingerprint: string | null
  /** The signed comment (minisign prints it after a good verification). */
  readonly trustedComment: string | null
  /** False for a legacy `Ed` signature (over the raw file; older minisign versions). */
  readonly prehashed: boolean
}

/** Options of {@link checkPackSignature}. */
export interface PackSignatureOptions {
  /** Who a key id belongs to: own keys and the trust store. */
  readonly resolveKey: (keyId: string) => SignerResolution
  /** Accept a pack without a signature (a plain local folder); refused otherwise. */
  readonly allowUnsigned: boolean
}

/**
 * Check `pack.json` against its minisign signature before anything else of the pack is read.
 *
 * The key must be one of ours or in the trust store (a pack carries no key: trust comes only from
 * an out-of-band copy), and must be the `publisher.key_id` the manifest names. Legacy signatures
 * (older minisign, `Ed`) are accepted and marked: partners may sign with the stock CLI.
 *
 * @throws AppError `SIGNATURE_INVALID` for a bad or mismatched signature, `BUNDLE_UNTRUSTED`
 *   for an unknown key, `RULES_INVALID` for an unsigned pack when that is not allowed.
 */
export function checkPackSignature(
  manifestBytes: Buffer,
  manifest: PackManifest,
  signature: string | null,
  options: PackSignatureOptions,
): PackSignature {
  if (signature === null) {
    if (!options.allowUnsigned) {
      throw new AppError(
        'RULES_INVALID',
        `Rule pack ${manifest.name} ${manifest.version} has no ${PACK_SIGNATURE_FILE}: ` +
          'only signed packs are imported (a plain rule folder can be added as a local pack).',
      )
    }
    return {
      status: 'unsigned',
      keyId: null,
      org: null,
      fingerprint: null,
      trustedComment: null,
      prehashed: false,
    }
  }
  const keyId = readSignatureKeyId(signature)
  const declared = manifest.publisher.key_id
  if (declared !== null && declared !== keyId) {
    throw new AppError(
      'SIGNATURE_INVALID',
      `pack.json names publisher key ${declared}, but key ${keyId} signed it.`,
    )
  }
  const resolved = options.resolveKey(keyId)
  if (resolved.status === 'unknown') {
    throw new AppError(
      'BUNDLE_UNTRUSTED',
      `Rule pack ${manifest.name} ${manifest.version} is signed by key ${keyId} ` +
        `("${manifest.publisher.name}" says the manifest), which is not in your trust store. ` +
        "Get the publisher's public key out of band, compare its fingerprint, trust it, then import.",
      { details: { keyId } },
    )
  }
  const verified = verifyMinisign(manifestBytes, signature, resolved.publicKey, {
    allowLegacy: true,
  })
  return {
    status: resolved.status,
    keyId,
    org: resolved.org,
    fingerprint: keyFingerprint(resolved.publicKey.publicKey),
    trustedComment: verified.trustedComment,
    prehashed: verified.prehashed,
  }
}

/**
 * Refuse a pack whose `sequence` does not grow past the installed one of the same name
 * (anti-rollback, as TUF does): an old pack replayed from a USB stick cannot undo an update.
 *
 * @throws AppError `RULES_INVALID` naming both sequences.
 */
export function checkSequence(
  manifest: PackManifest,
  installed: { readonly version: string; readonly sequence: number } | null,
): void {
  if (installed === null || manifest.sequence > installed.sequence) return
  throw new AppError(
    'RULES_INVALID',
    `Rule pack ${manifest.name} ${manifest.version} has sequence ${manifest.sequence}, not above ` +
      `the installed ${installed.version} (sequence ${installed.sequence}): a pack never goes back.`,
  )
}

/** The trusted comment Outpost writes when it signs a pack (minisign prints it on `-V`). */
export function packTrustedComment(manifest: PackManifest): string {
  return `pack:${manifest.name} version:${manifest.version} seq:${manifest.sequence}`
}
