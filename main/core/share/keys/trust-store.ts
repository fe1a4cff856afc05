import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { MinisignPublicKey } from '../../crypto/minisign'
import { keyFingerprint, parsePublicKey, publicKeyBase64 } from '../../crypto/minisign'
import { KEY_ID_PATTERN } from '../../crypto/minisign-format'
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
import type { SigningKeyStore } from './key-store'

/** The `format` of `trust.json`. */
export const TRUST_STORE_FORMAT = 'outpost-trust/1'

const NOTE = z
  .string()
  .max(1000)
  .regex(/^[^\p{Cc}]*$/u, 'one line of text')

const TRUST_ENTRY_SCHEMA = z
  .strictObject({
    keyId: z.string().regex(KEY_ID_PATTERN),
    org: LABEL,
    publicKeyBase64: BASE64,
    fingerprint: z.string().regex(/^[0-9A-F]{4}(?: [0-9A-F]{4}){7}$/),
    addedAt: z.iso.datetime(),
    addedBy: LABEL,
    note: NOTE.optional(),
  })
  .readonly()

/** Strict at every level, so `__proto__` and other unknown keys are refused, not merged. */
const TRUST_FILE_SCHEMA = z.strictObject({
  format: z.literal(TRUST_STORE_FORMAT),
  entries: z.array(TRUST_ENTRY_SCHEMA).max(10_000),
})

/** A partner key the analyst decided to trust, and who decided when. */
export type TrustEntry = z.infer<typeof TRUST_ENTRY_SCHEMA>

/** What {@link TrustStore.add} needs. */
export interface AddTrustInput {
  /** The partner's `.pub` file text or bare `RW…` key. */
  readonly publicKeyText: string
  readonly org: string
  readonly addedBy: string
  readonly note?: string | undefined
}

/** Who signed, as far as this workbench knows. */
export type SignerResolution =
  | {
      readonly status: 'own' | 'trusted'
      readonly org: string
      readonly publicKey: MinisignPublicKey
    }
  | { readonly status: 'unknown'; readonly org?: undefined; readonly publicKey?: undefined }

/**
 * The partner keys this workbench trusts, in `<dataDir>/trust.json`.
 *
 * Every change rewrites the file atomically (mode 0600). A damaged file is refused with an error
 * naming it, never silently reset: losing trust decisions would be as bad as inventing them.
 */
export class TrustStore {
  /** The store in `<dataDir>/trust.json`. */
  static forDataDir(dataDir: string, clock?: () => Date): TrustStore {
    return new TrustStore(join(dataDir, 'trust.json'), clock)
  }

  constructor(
    readonly path: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Every trusted key, in the order they were added. */
  list(): TrustEntry[] {
    return [...this.read()]
  }

  /** The entry for this key id, or null. */
  find(keyId: string): TrustEntry | null {
    return this.read().find((entry) => entry.keyId === keyId) ?? null
  }

  /**
   * Trust a partner's public key.
   *
   * Adding the same key again returns the existing entry unchanged.
   *
   * @throws AppError `KEY_INVALID` for a malformed key; `KEY_CONFLICT` when another key with the
   *   same id is already trusted; `INVALID_INPUT` for a bad org, user or note.
   */
  add(input: AddTrustInput): TrustEntry {
    const { keyId, publicKey } = parsePublicKey(input.publicKeyText)
    const entries = this.read()
    const base64 = publicKeyBase64(keyId, publicKey)
    const existing = entries.find((entry) => entry.keyId === keyId)
    if (existing !== undefined) {
      if (existing.publicKeyBase64 === base64) return existing
      throw new AppError(
        'KEY_CONFLICT',
        `Key id ${keyId} is already trusted for "${existing.org}" with a different public key. ` +
          `If the partner replaced its key, remove the old one first (outpost keys untrust ${keyId}).`,
      )
    }
    const note = input.note?.trim()
    if (note !== undefined && !NOTE.safeParse(note).success) {
      throw new AppError('INVALID_INPUT', 'The note must be one line of at most 1000 characters.')
    }
    const entry: TrustEntry = {
      keyId,
      org: checkLabel(input.org.trim(), 'organisation'),
      publicKeyBase64: base64,
      fingerprint: keyFingerprint(publicKey),
      addedAt: this.clock().toISOString(),
      addedBy: checkLabel(input.addedBy.trim(), 'user'),
      ...(note === undefined || note === '' ? {} : { note }),
    }
    this.write([...entries, entry])
    return entry
  }

  /**
   * Stop trusting a key; returns the removed entry.
   *
   * @throws AppError `KEY_NOT_FOUND` when the key is not trusted.
   */
  remove(keyId: string): TrustEntry {
    const entries = this.read()
    const removed = entries.find((entry) => entry.keyId === keyId)
    if (removed === undefined) {
      throw new AppError('KEY_NOT_FOUND', `Key ${keyId} is not in the trusted keys.`)
    }
    this.write(entries.filter((entry) => entry !== removed))
    return removed
  }

  private read(): readonly TrustEntry[] {
    if (!existsSync(this.path)) return []
    const damaged = (why: string): AppError =>
      new AppError(
        'TRUST_STORE_CORRUPT',
        `The trusted-keys file ${this.path} is damaged (${why}); it was left as it is. ` +
          'Restore it from a backup or move it away to start an empty list.',
      )
    const parsed = TRUST_FILE_SCHEMA.safeParse(parseJsonOrUndefined(readTextFile(this.path)))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw damaged(`${issue?.path.map(String).join('.') || '(root)'}: ${issue?.message ?? '?'}`)
    }
    const seen = new Set<string>()
    for (const entry of parsed.data.entries) {
      if (seen.has(entry.keyId)) throw damaged(`key ${entry.keyId} is listed twice`)
      seen.add(entry.keyId)
      const key = parseEntryKey(entry)
      if (
        key === null ||
        key.keyId !== entry.keyId ||
        keyFingerprint(key.publicKey) !== entry.fingerprint
      ) {
        throw damaged(`the entry of key ${entry.keyId} does not match its public key`)
      }
    }
    return parsed.data.entries
  }

  private write(entries: readonly TrustEntry[]): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: PRIVATE_DIR_MODE })
    const file = { format: TRUST_STORE_FORMAT, entries }
    writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`)
  }
}

/**
 * Who a key id belongs to: one of our own signing keys, a trusted partner, or nobody we know.
 *
 * Own keys count as trusted. Call it with the id from `readSignatureKeyId`, then verify the
 * signature with the returned public key.
 */
export function resolveSigner(
  keyId: string,
  stores: { readonly trust: TrustStore; readonly keys: SigningKeyStore },
): SignerResolution {
  const own = stores.keys.find(keyId)
  if (own !== null) {
    return { status: 'own', org: own.org, publicKey: parsePublicKey(own.publicKeyBase64) }
  }
  const trusted = stores.trust.find(keyId)
  if (trusted !== null) {
    return {
      status: 'trusted',
      org: trusted.org,
      publicKey: parsePublicKey(trusted.publicKeyBase64),
    }
  }
  return { status: 'unknown' }
}

function parseEntryKey(entry: TrustEntry): MinisignPublicKey | null {
  try {
    return parsePublicKey(entry.publicKeyBase64)
  } catch {
    return null
  }
}
