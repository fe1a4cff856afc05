import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { SigningKeyView } from '../../model/sharing'
import { KEY_ID_PATTERN } from '../../crypto/minisign-format'
import {
  formatPublicKey,
  generateKeyPair,
  keyFingerprint,
  parsePublicKey,
  publicKeyBase64,
  publicKeyOf,
  signMinisign,
  signPrehashed,
} from '../../crypto/minisign'
import { AppError } from '../../model/errors'
import {
  BASE64,
  LABEL,
  PRIVATE_DIR_MODE,
  checkLabel,
  parseJsonOrUndefined,
  readTextFile,
  writeFileAtomic,
} from './key-files'
import type { ProtectionKind, SecretProtector } from './secret-box'

/** The `format` of every key file this code reads and writes. */
export const SIGNING_KEY_FORMAT = 'outpost-signing-key/1'

/**
 * The schema of `<keyId>.key.json`, strict so that unknown keys (`__proto__` included) are
 * refused. The seed is only ever present sealed (`ciphertext`).
 */
const KEY_FILE_SCHEMA = z.strictObject({
  format: z.literal(SIGNING_KEY_FORMAT),
  keyId: z.string().regex(KEY_ID_PATTERN),
  publicKey: BASE64,
  org: LABEL,
  contact: LABEL.nullable(),
  createdAt: z.iso.datetime(),
  protection: z.enum(['os-keychain', 'passphrase']),
  // Bounded so that a tampered file cannot ask for gigabytes of scrypt memory.
  kdf: z
    .strictObject({
      name: z.literal('scrypt'),
      logN: z.int().min(4).max(20),
      r: z.int().min(1).max(32),
      p: z.int().min(1).max(16),
    })
    .nullable(),
  salt: BASE64.nullable(),
  nonce: BASE64.nullable(),
  ciphertext: BASE64,
})

type KeyFile = z.infer<typeof KEY_FILE_SCHEMA>

/** What the store tells about a signing key (never the secret). */
export type SigningKeyInfo = SigningKeyView

/** What {@link SigningKeyStore.create} needs. */
export interface CreateSigningKeyInput {
  readonly org: string
  readonly contact?: string | undefined
  readonly protector: SecretProtector
}

/** An unlocked signing key: signs in minisign format; the seed stays inside. */
export interface Signer {
  readonly keyId: string
  readonly org: string
  readonly publicKeyText: string
  readonly publicKeyBase64: string
  /** A prehashed `.minisig` of `data`. */
  sign(data: Uint8Array, trustedComment: string): string
  /** A prehashed `.minisig` from a BLAKE2b-512 hash (see `fileDigests`). */
  signHash(hash: Uint8Array, trustedComment: string): string
}

/**
 * The organisation's signing keys, one pair of files per key in a private folder.
 *
 * `<keyId>.pub` is the minisign public key to hand to partners; `<keyId>.key.json` holds the
 * public key, who it belongs to, and the seed sealed by a {@link SecretProtector}. Files are
 * written atomically with mode 0600.
 */
export class SigningKeyStore {
  /** The store in `<dataDir>/keys/`. */
  static forDataDir(dataDir: string, clock?: () => Date): SigningKeyStore {
    return new SigningKeyStore(join(dataDir, 'keys'), clock)
  }

  constructor(
    readonly dir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Generate a key, seal its seed and write both files.
   *
   * @throws AppError `INVALID_INPUT` for an empty or multi-line org or contact; `KEY_LOCKED` when
   *   the protector cannot seal (no OS keychain).
   */
  create(input: CreateSigningKeyInput): SigningKeyInfo {
    const org = checkLabel(input.org.trim(), 'organisation')
    const contact = input.contact === undefined ? null : checkLabel(input.contact.trim(), 'contact')
    const pair = generateKeyPair()
    const seed = Buffer.from(pair.secretKey)
    const sealed = input.protector.seal(seed)
    seed.fill(0)
    pair.secretKey.fill(0)
    const file: KeyFile = {
      format: SIGNING_KEY_FORMAT,
      keyId: pair.keyId,
      publicKey: publicKeyBase64(pair.keyId, pair.publicKey),
      org,
      contact,
      createdAt: this.clock().toISOString(),
      protection: input.protector.kind,
      kdf: sealed.kdf === null ? null : { name: 'scrypt', ...sealed.kdf },
      salt: sealed.salt?.toString('base64') ?? null,
      nonce: sealed.nonce?.toString('base64') ?? null,
      ciphertext: sealed.ciphertext.toString('base64'),
    }
    const info = infoOf(file)
    mkdirSync(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE })
    writeFileAtomic(join(this.dir, `${pair.keyId}.pub`), info.publicKeyText)
    writeFileAtomic(this.keyFilePath(pair.keyId), `${JSON.stringify(file, null, 2)}\n`)
    return info
  }

  /**
   * Every key, oldest first.
   *
   * @throws AppError `KEY_INVALID` naming the first damaged key file.
   */
  list(): SigningKeyInfo[] {
    if (!existsSync(this.dir)) return []
    return readdirSync(this.dir)
      .filter((name) => /^[0-9A-F]{16}\.key\.json$/.test(name))
      .map((name) => infoOf(this.read(name.slice(0, 16))))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.keyId.localeCompare(b.keyId))
  }

  /** The key with this id, or null. */
  find(keyId: string): SigningKeyInfo | null {
    return KEY_ID_PATTERN.test(keyId) && existsSync(this.keyFilePath(keyId))
      ? infoOf(this.read(keyId))
      : null
  }

  /**
   * The key with this id.
   *
   * @throws AppError `KEY_NOT_FOUND`, or `KEY_INVALID` when its file is damaged.
   */
  get(keyId: string): SigningKeyInfo {
    const info = this.find(keyId)
    if (info === null) {
      throw new AppError('KEY_NOT_FOUND', `There is no signing key ${keyId} in ${this.dir}.`)
    }
    return info
  }

  /** The only or most recently created key; null when there is none. */
  defaultKey(): SigningKeyInfo | null {
    return this.list().at(-1) ?? null
  }

  /**
   * Open a key's sealed seed and return a {@link Signer}.
   *
   * @throws AppError `KEY_NOT_FOUND`; `KEY_LOCKED` for a wrong passphrase or the wrong kind of
   *   protector; `KEY_INVALID` when the seed does not match the stored public key.
   */
  unlock(keyId: string, protector: SecretProtector): Signer {
    const info = this.get(keyId)
    const file = this.read(keyId)
    if (protector.kind !== file.protection) {
      throw new AppError(
        'KEY_LOCKED',
        `Key ${keyId} is protected by ${describe(file.protection)}, not ${describe(protector.kind)}.`,
      )
    }
    const seed = openSeed(file, protector)
    const publicKey = parsePublicKey(file.publicKey).publicKey
    if (Buffer.compare(Buffer.from(publicKeyOf(seed)), Buffer.from(publicKey)) !== 0) {
      throw new AppError(
        'KEY_INVALID',
        `The key file of ${keyId} is damaged: its secret does not match its public key.`,
      )
    }
    const key = { keyId, secretKey: seed }
    return {
      keyId,
      org: info.org,
      publicKeyText: info.publicKeyText,
      publicKeyBase64: info.publicKeyBase64,
      sign: (data, trustedComment) => signMinisign(data, key, trustedComment),
      signHash: (hash, trustedComment) => signPrehashed(hash, key, trustedComment),
    }
  }

  private keyFilePath(keyId: string): string {
    return join(this.dir, `${keyId}.key.json`)
  }

  private read(keyId: string): KeyFile {
    const path = this.keyFilePath(keyId)
    const damaged = (why: string): AppError =>
      new AppError('KEY_INVALID', `The key file ${path} is damaged: ${why}.`)
    const parsed = KEY_FILE_SCHEMA.safeParse(parseJsonOrUndefined(readTextFile(path)))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw damaged(`${issue?.path.map(String).join('.') || '(root)'}: ${issue?.message ?? '?'}`)
    }
    const file = parsed.data
    if (file.keyId !== keyId) throw damaged(`it names key ${file.keyId}`)
    if (parsePublicKey(file.publicKey).keyId !== keyId)
      throw damaged('its public key has another id')
    const hasKdf = file.kdf !== null && file.salt !== null && file.nonce !== null
    if (hasKdf !== (file.protection === 'passphrase')) {
      throw damaged(`the passphrase parameters do not fit protection "${file.protection}"`)
    }
    return file
  }
}

function openSeed(file: KeyFile, protector: SecretProtector): Uint8Array {
  let seed: Buffer
  try {
    seed = protector.open({
      ciphertext: Buffer.from(file.ciphertext, 'base64'),
      kdf: file.kdf === null ? null : { logN: file.kdf.logN, r: file.kdf.r, p: file.kdf.p },
      salt: file.salt === null ? null : Buffer.from(file.salt, 'base64'),
      nonce: file.nonce === null ? null : Buffer.from(file.nonce, 'base64'),
    })
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'KEY_LOCKED') {
      const what =
        file.protection === 'passphrase' ? 'The passphrase does not' : 'The OS keychain cannot'
      throw new AppError('KEY_LOCKED', `${what} unlock key ${file.keyId} (${file.org}).`, {
        cause: error,
      })
    }
    throw error
  }
  if (seed.length !== 32) {
    throw new AppError(
      'KEY_INVALID',
      `The sealed secret of key ${file.keyId} is not a 32-byte seed.`,
    )
  }
  return Uint8Array.from(seed)
}

function infoOf(file: KeyFile): SigningKeyInfo {
  const { keyId, publicKey } = parsePublicKey(file.publicKey)
  return {
    keyId,
    org: file.org,
    contact: file.contact,
    createdAt: file.createdAt,
    publicKeyText: formatPublicKey(keyId, publicKey),
    publicKeyBase64: file.publicKey,
    fingerprint: keyFingerprint(publicKey),
    protection: file.protection,
  }
}

function describe(kind: ProtectionKind): string {
  return kind === 'passphrase' ? 'a passphrase' : 'the OS keychain'
}
