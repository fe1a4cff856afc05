import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { openZip } from '../../archive/zip-reader'
import type { ZipArchive, ZipLimits } from '../../archive/zip-reader'
import { sha256Hex } from '../../crypto/digest'
import {
  fileDigests,
  keyFingerprint,
  parsePublicKey,
  readSignatureKeyId,
  verifyMinisign,
  verifyPrehashed,
} from '../../crypto/minisign'
import type { FileDigests, MinisignPublicKey } from '../../crypto/minisign'
import { AppError } from '../../model/errors'
import type { VerificationView } from '../../model/sharing'
import type { SignerResolution } from '../keys/trust-store'
import { parseBundleManifest } from './bundle-manifest'
import type { BundleManifest } from './bundle-manifest'
import { parseSha256Sums, SUMS_FILE, SUMS_SIGNATURE_FILE } from './sha256sums'

/** Limits for a partner's bundle: generous for reports, far below what could hurt the laptop. */
export const BUNDLE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 200,
}

/** The largest SHA256SUMS or signature read before anything is verified. */
const MAX_SMALL_MEMBER = 4 * 1024 * 1024

/** How to learn who a key id belongs to (the trust store, own keys first). */
export type KeyResolver = (keyId: string) => SignerResolution

/** What a verification found: every check in order, and who signed. */
export interface BundleVerification {
  readonly fileName: string
  readonly zipSha256: string
  /** The organisation is the trust store's (for an unknown key, the one the bundle claims). */
  readonly signer: VerificationView['signer']
  /** The detached `<zip>.minisig` beside the file. */
  readonly outerSignature: 'valid' | 'absent'
  readonly checks: readonly { readonly check: string; readonly detail: string }[]
  readonly manifest: BundleManifest
  readonly manifestSha256: string
}

/** A verified bundle whose members may now be parsed. */
export interface VerifiedBundle {
  readonly verification: BundleVerification
  /** The bytes of a listed member (only listed, hash-checked members exist). */
  member(path: string): Buffer
}

/** Options of {@link verifyBundle}. */
export interface VerifyBundleOptions {
  readonly resolveKey: KeyResolver
  /** Go on with a key the trust store does not know (the analyst chose to, after a warning). */
  readonly acceptUnknownKey?: boolean
  /** Hears each step (a background task's progress; it may throw to stop: a cancel). */
  readonly onProgress?: (phase: string, done: number, total: number | null) => void
}

/**
 * Verify a partner's bundle before anything in it is parsed.
 *
 * In order: the detached signature of the zip when it is beside it; the archive's structure (no
 * `..`, absolute or symlink entries; size and ratio caps, so a bomb is refused before it
 * inflates); `SHA256SUMS.minisig` against the trust store; every listed file's SHA-256; no file
 * that is not listed; the manifest's own list equal to SHA256SUMS. An unknown key stops here
 * unless the analyst accepts it; the key the bundle carries is then used, and says so.
 *
 * @throws AppError `SIGNATURE_INVALID`, `BUNDLE_INVALID` or `BUNDLE_UNTRUSTED`, saying what failed.
 */
export function verifyBundle(zipPath: string, options: VerifyBundleOptions): VerifiedBundle {
  const checks: { check: string; detail: string }[] = []
  const progress = options.onProgress ?? (() => undefined)
  progress('hashing the zip', 0, null)
  // One streamed pass for the detached signature and the recorded hash: never the whole zip in memory.
  const digests = zipDigests(zipPath)
  const zip = openBundleZip(zipPath)
  try {
    progress('checking signatures', 0, null)
    const sumsText = smallMember(zip, SUMS_FILE)
    const sumsSignature = smallMember(zip, SUMS_SIGNATURE_FILE).toString('utf8')
    const keyId = readSignatureKeyId(sumsSignature)
    const resolved = options.resolveKey(keyId)
    const publicKey = resolved.publicKey ?? carriedKey(zip, keyId)
    const claimedOrg = resolved.org ?? null
    if (resolved.status === 'unknown' && options.acceptUnknownKey !== true) {
      throw new AppError(
        'BUNDLE_UNTRUSTED',
        `The bundle is signed by key ${keyId} (fingerprint ${keyFingerprint(publicKey.publicKey)}), ` +
          'which is not in your trust store. Check the fingerprint with the sender out of band, ' +
          'then trust their key (outpost keys trust <their .pub> --org <name>) or accept it once.',
        { details: { keyId, fingerprint: keyFingerprint(publicKey.publicKey) } },
      )
    }
    const outer = checkOuterSignature(zipPath, digests.blake2b512, publicKey)
    checks.push({
      check: 'zip signature',
      detail: outer === 'valid' ? 'valid' : 'no .minisig beside the zip',
    })
    const signed = verifyMinisign(sumsText, sumsSignature, publicKey)
    checks.push({ check: 'SHA256SUMS signature', detail: `valid (key ${keyId})` })
    const sums = parseSha256Sums(sumsText.toString('utf8'))
    const members = checkMembers(zip, sums, progress)
    checks.push({ check: 'file hashes', detail: `${sums.size} files match SHA256SUMS` })
    checks.push({ check: 'no unlisted file', detail: `${zip.entries.length} entries, all listed` })
    const manifestData = members.get('manifest.json')
    if (manifestData === undefined) throw invalid('the bundle has no manifest.json')
    const manifest = parseBundleManifest(manifestData)
    checkManifestList(manifest, sums)
    checks.push({ check: 'manifest', detail: `${manifest.files.length} files, all in SHA256SUMS` })
    if (manifest.producer.key_id !== null && manifest.producer.key_id !== keyId) {
      throw invalid(`the manifest names key ${manifest.producer.key_id}, but ${keyId} signed it`)
    }
    const verification: BundleVerification = {
      fileName: basename(zipPath),
      zipSha256: digests.sha256,
      signer: {
        keyId,
        status: resolved.status,
        org: claimedOrg ?? manifest.producer.org,
        fingerprint: keyFingerprint(publicKey.publicKey),
        trustedComment: signed.trustedComment,
      },
      outerSignature: outer,
      checks,
      manifest,
      manifestSha256: sha256Hex(manifestData),
    }
    return {
      verification,
      member(path: string): Buffer {
        const data = members.get(path)
        if (data === undefined) throw invalid(`${path} is not in the bundle`)
        return data
      },
    }
  } finally {
    zip.close()
  }
}

function invalid(why: string): AppError {
  return new AppError('BUNDLE_INVALID', `Bundle refused: ${why}.`)
}

function zipDigests(zipPath: string): FileDigests {
  let size: number
  try {
    size = statSync(zipPath).size
  } catch (error: unknown) {
    throw new AppError('PATH_NOT_FOUND', `Cannot read ${zipPath}.`, { cause: error })
  }
  if (size > BUNDLE_ZIP_LIMITS.maxTotalBytes) {
    throw new AppError('BUNDLE_INVALID', `${zipPath} is larger than any bundle this app reads.`)
  }
  return fileDigests(zipPath)
}

function openBundleZip(zipPath: string): ZipArchive {
  try {
    return openZip(zipPath, BUNDLE_ZIP_LIMITS)
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'INVALID_INPUT') {
      throw new AppError('BUNDLE_INVALID', `Bundle refused: ${error.message}`, { cause: error })
    }
    throw error
  }
}

function smallMember(zip: ZipArchive, name: string): Buffer {
  const entry = zip.find(name)
  if (entry === undefined) throw invalid(`it has no ${name}`)
  if (entry.size > MAX_SMALL_MEMBER) throw invalid(`${name} is too large`)
  return zip.read(entry)
}

/** The public key a bundle carries for `keyId` (used only when the analyst accepts it). */
function carriedKey(zip: ZipArchive, keyId: string): MinisignPublicKey {
  for (const entry of zip.entries) {
    if (!/^keys\/[^/]+\.pub$/.test(entry.name) || entry.size > 4096) continue
    try {
      const key = parsePublicKey(zip.read(entry).toString('utf8'))
      if (key.keyId === keyId) return key
    } catch {
      // A damaged key file is simply not the key we look for.
    }
  }
  throw new AppError(
    'BUNDLE_UNTRUSTED',
    `The bundle is signed by key ${keyId}, which is not in your trust store, and the bundle does ` +
      "not carry that key. Get the sender's public key out of band and trust it first.",
  )
}

function checkOuterSignature(
  zipPath: string,
  zipBlake2b: Uint8Array,
  key: MinisignPublicKey,
): 'valid' | 'absent' {
  const path = `${zipPath}.minisig`
  if (!existsSync(path)) return 'absent'
  const text = readFileSync(path, 'utf8')
  try {
    verifyPrehashed(zipBlake2b, text, key)
  } catch (error: unknown) {
    const why = error instanceof AppError ? error.message : String(error)
    throw new AppError(
      'SIGNATURE_INVALID',
      `The zip's detached signature does not verify: ${why}`,
      {
        cause: error,
      },
    )
  }
  return 'valid'
}

/** Every entry listed (but SHA256SUMS and its signature), every listed file present and intact. */
function checkMembers(
  zip: ZipArchive,
  sums: ReadonlyMap<string, string>,
  progress: NonNullable<VerifyBundleOptions['onProgress']>,
): Map<string, Buffer> {
  const members = new Map<string, Buffer>()
  for (const entry of zip.entries) {
    if (entry.name === SUMS_FILE || entry.name === SUMS_SIGNATURE_FILE) continue
    if (entry.isDirectory) continue
    if (!sums.has(entry.name)) throw invalid(`${entry.name} is not listed in SHA256SUMS`)
  }
  for (const [path, sha256] of sums) {
    progress('checking file hashes', members.size, sums.size)
    const entry = zip.find(path)
    if (entry === undefined) throw invalid(`${path} is listed in SHA256SUMS but missing`)
    const data = zip.read(entry)
    if (sha256Hex(data) !== sha256) throw invalid(`${path} does not match its SHA-256`)
    members.set(path, data)
  }
  return members
}

function checkManifestList(manifest: BundleManifest, sums: ReadonlyMap<string, string>): void {
  const listed = new Set<string>()
  for (const file of manifest.files) {
    if (sums.get(file.path) !== file.sha256) {
      throw invalid(`manifest.json lists ${file.path} with a hash SHA256SUMS does not have`)
    }
    listed.add(file.path)
  }
  for (const path of sums.keys()) {
    if (path !== 'manifest.json' && !listed.has(path)) {
      throw invalid(`${path} is in SHA256SUMS but not in manifest.json`)
    }
  }
}
