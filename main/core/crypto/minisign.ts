import { closeSync, openSync, readSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'
import { blake2b } from '@noble/hashes/blake2.js'
import { AppError } from '../model/errors'
import { sha256Hex } from './digest'
import type { MinisignPublicKey } from './minisign-format'
import {
  ALG_LEGACY,
  ALG_PREHASHED,
  MAX_TRUSTED_COMMENT_BYTES,
  assertCommentLine,
  formatSignature,
  keyIdFromBytes,
  parseSignature,
} from './minisign-format'

/**
 * Ed25519 signatures in minisign's format, so partners verify with the stock `minisign` CLI.
 *
 * Pure JavaScript (`@noble/curves`, `@noble/hashes`): Electron's BoringSSL has no BLAKE2b, and
 * the same code then runs in Node, the CLI and the app (sharing-formats.md §4.4).
 */

export type { MinisignPublicKey } from './minisign-format'
export {
  formatPublicKey,
  parsePublicKey,
  publicKeyBase64,
  readSignatureKeyId,
} from './minisign-format'

/** A secret signing key: the key id and the 32-byte Ed25519 seed. */
export interface MinisignSecretKey {
  readonly keyId: string
  readonly secretKey: Uint8Array
}

/** A fresh key pair. */
export interface MinisignKeyPair extends MinisignPublicKey, MinisignSecretKey {}

/** What a good signature says. */
export interface MinisignVerification {
  readonly keyId: string
  /** The signed comment line, as minisign prints it after `Trusted comment: `. */
  readonly trustedComment: string
  /** False for a legacy `Ed` signature over the raw data. */
  readonly prehashed: boolean
}

/** Options of {@link verifyMinisign}. */
export interface VerifyOptions {
  /** Accept legacy `Ed` signatures (minisign's default; `-H` refuses them). Default false. */
  readonly allowLegacy?: boolean
}

/** BLAKE2b-512 output length: what a prehashed (`ED`) signature signs. */
export const PREHASH_BYTES = 64

/**
 * A new Ed25519 key pair with a random 8-byte key id.
 *
 * The secret key is the 32-byte seed; keep it sealed (see `share/keys/key-store`).
 */
export function generateKeyPair(): MinisignKeyPair {
  const secretKey = Uint8Array.from(randomBytes(32))
  return {
    keyId: keyIdFromBytes(randomBytes(8)),
    publicKey: ed25519.getPublicKey(secretKey),
    secretKey,
  }
}

/** The Ed25519 public key of a 32-byte seed. */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey)
}

/** BLAKE2b-512 of bytes in memory: the prehash of a minisign `ED` signature. */
export function blake2b512(data: Uint8Array): Uint8Array {
  return blake2b(data, { dkLen: PREHASH_BYTES })
}

/** BLAKE2b-512 (what a prehashed signature signs) and SHA-256 of a file, both in one pass. */
export interface FileDigests {
  readonly blake2b512: Uint8Array
  readonly sha256: string
}

/**
 * Hash a file in 1 MiB chunks, for bundles too large to load: pass `blake2b512` to
 * {@link signPrehashed} or {@link verifyPrehashed}.
 *
 * @throws AppError `PATH_NOT_FOUND` or `PATH_UNREADABLE`.
 */
export function fileDigests(path: string): FileDigests {
  const blake = blake2b.create({ dkLen: PREHASH_BYTES })
  const sha = createHash('sha256')
  const chunk = Buffer.alloc(1024 * 1024)
  let fd: number | null = null
  try {
    fd = openSync(path, 'r')
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      blake.update(chunk.subarray(0, n))
      sha.update(chunk.subarray(0, n))
    }
  } catch (error: unknown) {
    const missing = (error as { code?: unknown }).code === 'ENOENT'
    throw new AppError(
      missing ? 'PATH_NOT_FOUND' : 'PATH_UNREADABLE',
      `Cannot read ${path} to hash it.`,
      { cause: error },
    )
  } finally {
    if (fd !== null) closeSync(fd)
  }
  return { blake2b512: blake.digest(), sha256: sha.digest('hex') }
}

/**
 * Sign `data` as minisign 0.11 does by default: prehashed (`ED`) with a trusted comment.
 *
 * Returns the four-line `.minisig` text. Ed25519 is deterministic: the same key, data and
 * comments give the same text.
 *
 * @throws AppError `INVALID_INPUT` when a comment is not one line.
 */
export function signMinisign(
  data: Uint8Array,
  key: MinisignSecretKey,
  trustedComment: string,
  untrustedComment?: string,
): string {
  return signPrehashed(blake2b512(data), key, trustedComment, untrustedComment)
}

/**
 * Sign a BLAKE2b-512 hash (from {@link blake2bFile}) as a prehashed `.minisig`.
 *
 * @throws AppError `INVALID_INPUT` when a comment is not one line.
 */
export function signPrehashed(
  hash: Uint8Array,
  key: MinisignSecretKey,
  trustedComment: string,
  untrustedComment?: string,
): string {
  if (hash.length !== PREHASH_BYTES) throw new TypeError('signPrehashed: need a BLAKE2b-512 hash')
  assertCommentLine(trustedComment, 'trusted comment', MAX_TRUSTED_COMMENT_BYTES)
  const signature = ed25519.sign(hash, key.secretKey)
  const globalSignature = ed25519.sign(globalMessage(signature, trustedComment), key.secretKey)
  return formatSignature(
    { algorithm: ALG_PREHASHED, keyId: key.keyId, signature, trustedComment, globalSignature },
    untrustedComment,
  )
}

/**
 * Verify a `.minisig` over `data` with a known public key.
 *
 * @throws AppError `SIGNATURE_INVALID` saying why: malformed file, signed by another key, legacy
 *   signature not allowed, data altered, or trusted comment altered.
 */
export function verifyMinisign(
  data: Uint8Array,
  sigText: string,
  publicKey: MinisignPublicKey,
  options: VerifyOptions = {},
): MinisignVerification {
  const parts = parseSignature(sigText)
  if (parts.algorithm === ALG_LEGACY && options.allowLegacy !== true) throw legacyRefused()
  const message = parts.algorithm === ALG_PREHASHED ? blake2b512(data) : data
  return verifyParts(parts, message, publicKey)
}

/**
 * Verify a prehashed `.minisig` against a BLAKE2b-512 hash (from {@link blake2bFile}).
 *
 * A legacy signature covers the raw data, so it cannot be checked from a hash and is refused.
 *
 * @throws AppError `SIGNATURE_INVALID` as {@link verifyMinisign}.
 */
export function verifyPrehashed(
  hash: Uint8Array,
  sigText: string,
  publicKey: MinisignPublicKey,
): MinisignVerification {
  if (hash.length !== PREHASH_BYTES) throw new TypeError('verifyPrehashed: need a BLAKE2b-512 hash')
  const parts = parseSignature(sigText)
  if (parts.algorithm === ALG_LEGACY) throw legacyRefused()
  return verifyParts(parts, hash, publicKey)
}

/**
 * A fingerprint of a public key to read out over the phone.
 *
 * The first 128 bits of SHA-256 of the 32-byte key, upper-case hex in groups of four:
 * `3F2A 91C0 …` (8 groups).
 */
export function keyFingerprint(publicKey: Uint8Array): string {
  const hex = sha256Hex(publicKey).slice(0, 32).toUpperCase()
  return (hex.match(/.{4}/g) ?? []).join(' ')
}

function verifyParts(
  parts: ReturnType<typeof parseSignature>,
  message: Uint8Array,
  key: MinisignPublicKey,
): MinisignVerification {
  if (parts.keyId !== key.keyId) {
    throw new AppError(
      'SIGNATURE_INVALID',
      `The file was signed by key ${parts.keyId}, not ${key.keyId}.`,
    )
  }
  if (!verifyEd25519(parts.signature, message, key.publicKey)) {
    throw new AppError(
      'SIGNATURE_INVALID',
      `Signature verification failed: the data does not match the signature of key ${key.keyId} ` +
        '(altered, corrupted, or a different file).',
    )
  }
  const global = globalMessage(parts.signature, parts.trustedComment)
  if (!verifyEd25519(parts.globalSignature, global, key.publicKey)) {
    throw new AppError(
      'SIGNATURE_INVALID',
      'The trusted comment does not match its global signature (the comment was altered).',
    )
  }
  return {
    keyId: parts.keyId,
    trustedComment: parts.trustedComment,
    prehashed: parts.algorithm === ALG_PREHASHED,
  }
}

/** Strict RFC 8032 verification (no ZIP-215 leniency), as libsodium in minisign. */
function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false })
  } catch {
    // A key or signature that is not a curve point: not a valid signature.
    return false
  }
}

function globalMessage(signature: Uint8Array, trustedComment: string): Uint8Array {
  return Buffer.concat([signature, Buffer.from(trustedComment, 'utf8')])
}

function legacyRefused(): AppError {
  return new AppError(
    'SIGNATURE_INVALID',
    'The signature is in the legacy minisign format (not prehashed), which is not accepted here; ' +
      'ask the signer to use minisign 0.11 or later.',
  )
}
