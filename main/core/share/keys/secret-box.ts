import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { AppError } from '../../model/errors'

/** How a signing key's secret is protected at rest. */
export type ProtectionKind = 'os-keychain' | 'passphrase'

/**
 * scrypt cost parameters, stored with each key so that a later default can change.
 *
 * `N = 2^logN`. The default, N=2^15 r=8 p=1 (32 MiB, about 0.1 s), is the OWASP / RFC 7914
 * interactive recommendation; tests pass a smaller `logN` to stay fast.
 */
export interface ScryptParams {
  readonly logN: number
  readonly r: number
  readonly p: number
}

/** The default scrypt cost for passphrase-protected keys: N=2^15, r=8, p=1. */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 1 }

/** A sealed secret and what is needed to open it again (all stored in the key file). */
export interface SealedSecret {
  /** AES-256-GCM ciphertext with its 16-byte tag appended, or the OS keychain's blob. */
  readonly ciphertext: Buffer
  /** Passphrase only: the scrypt cost, the 16-byte salt and the 12-byte GCM nonce. */
  readonly kdf: ScryptParams | null
  readonly salt: Buffer | null
  readonly nonce: Buffer | null
}

/**
 * Seals a signing key's secret seed so it is never written in clear.
 *
 * `open` throws AppError `KEY_LOCKED` when the secret cannot be recovered (wrong passphrase,
 * another user's keychain).
 */
export interface SecretProtector {
  readonly kind: ProtectionKind
  seal(plain: Buffer): SealedSecret
  open(sealed: SealedSecret): Buffer
}

/** The part of Electron's `safeStorage` API that {@link safeStorageProtector} uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
}

const KEY_BYTES = 32
const SALT_BYTES = 16
const NONCE_BYTES = 12
const TAG_BYTES = 16

/**
 * A protector deriving an AES-256-GCM key from a passphrase with scrypt.
 *
 * Sealing uses `params` with a random salt and nonce; opening uses the parameters stored with
 * the secret. The passphrase is NFC-normalised so that the same characters typed on another
 * system give the same key.
 */
export function passphraseProtector(
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): SecretProtector {
  const secret = passphrase.normalize('NFC')
  return {
    kind: 'passphrase',
    seal(plain) {
      const salt = randomBytes(SALT_BYTES)
      const nonce = randomBytes(NONCE_BYTES)
      const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, salt, params), nonce)
      const ciphertext = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
      return { ciphertext, kdf: params, salt, nonce }
    },
    open(sealed) {
      const { kdf, salt, nonce, ciphertext } = sealed
      if (kdf === null || salt === null || nonce === null || ciphertext.length < TAG_BYTES) {
        throw new AppError('KEY_INVALID', 'The key file has no passphrase parameters.')
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, salt, kdf), nonce)
        decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES))
        const body = ciphertext.subarray(0, ciphertext.length - TAG_BYTES)
        return Buffer.concat([decipher.update(body), decipher.final()])
      } catch (error: unknown) {
        throw new AppError('KEY_LOCKED', 'The passphrase does not unlock this key.', {
          cause: error,
        })
      }
    },
  }
}

/**
 * A protector using the operating system's keychain through Electron's `safeStorage`.
 *
 * The seed travels as base64 text because `safeStorage` encrypts strings. Wiring the real
 * `safeStorage` is the Electron main process's job; core only sees this shape.
 */
export function safeStorageProtector(safeStorage: SafeStorageLike): SecretProtector {
  return {
    kind: 'os-keychain',
    seal(plain) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new AppError(
          'KEY_LOCKED',
          'The operating system keychain is not available; protect the key with a passphrase instead.',
        )
      }
      const ciphertext = safeStorage.encryptString(plain.toString('base64'))
      return { ciphertext, kdf: null, salt: null, nonce: null }
    },
    open(sealed) {
      try {
        return Buffer.from(safeStorage.decryptString(sealed.ciphertext), 'base64')
      } catch (error: unknown) {
        throw new AppError(
          'KEY_LOCKED',
          'The operating system keychain cannot decrypt this key (another user or machine?).',
          { cause: error },
        )
      }
    },
  }
}

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Buffer {
  const N = 2 ** params.logN
  // Node refuses scrypt above `maxmem` (32 MiB by default); N=2^15 r=8 needs exactly 32 MiB.
  const maxmem = 256 * N * params.r + 16 * 1024 * 1024
  return scryptSync(passphrase, salt, KEY_BYTES, { N, r: params.r, p: params.p, maxmem })
}
