import { AppError } from '../model/errors'

/**
 * The text formats of minisign (`jedisct1/minisign`, `src/minisign.h`): public keys and
 * signature files. No cryptography here: parsing, encoding and the refusals with their reasons.
 */

/** A minisign key id as minisign prints it: upper-case hex of the little-endian u64. */
export const KEY_ID_PATTERN = /^[0-9A-F]{16}$/

/** The algorithm tag of a public key and of a legacy signature (signs the raw data). */
export const ALG_LEGACY = 'Ed'

/** The algorithm tag of a prehashed signature (signs BLAKE2b-512 of the data). */
export const ALG_PREHASHED = 'ED'

/** The prefix of a comment line nobody signed. */
export const UNTRUSTED_PREFIX = 'untrusted comment: '

/** The prefix of the signed comment line. */
export const TRUSTED_PREFIX = 'trusted comment: '

/** The longest trusted comment minisign 0.11 reads back (`TRUSTEDCOMMENTMAXBYTES` less slack). */
export const MAX_TRUSTED_COMMENT_BYTES = 8000

/** The longest untrusted comment minisign 0.11 reads back (`COMMENTMAXBYTES` less slack). */
export const MAX_UNTRUSTED_COMMENT_BYTES = 1000

const PUBLIC_KEY_BYTES = 2 + 8 + 32
const SIGNATURE_BYTES = 2 + 8 + 64
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/

/** A minisign public key: who (`keyId`) and the raw Ed25519 key. */
export interface MinisignPublicKey {
  readonly keyId: string
  readonly publicKey: Uint8Array
}

/** The parts of a `.minisig` file, decoded but not yet verified. */
export interface MinisignSignatureParts {
  readonly algorithm: typeof ALG_LEGACY | typeof ALG_PREHASHED
  readonly keyId: string
  readonly signature: Uint8Array
  readonly trustedComment: string
  readonly globalSignature: Uint8Array
}

/**
 * The display key id of 8 key-id bytes.
 *
 * minisign stores the id little-endian and prints it as a u64, so the bytes appear reversed.
 */
export function keyIdFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 8) throw new TypeError('keyIdFromBytes: a key id is 8 bytes')
  return Buffer.from(bytes).reverse().toString('hex').toUpperCase()
}

/**
 * The 8 stored bytes of a display key id.
 *
 * @throws AppError `KEY_INVALID` unless `keyId` is 16 upper-case hex digits.
 */
export function keyIdToBytes(keyId: string): Uint8Array {
  if (!KEY_ID_PATTERN.test(keyId)) {
    throw new AppError('KEY_INVALID', `"${keyId}" is not a key id (16 upper-case hex digits).`)
  }
  return Uint8Array.from(Buffer.from(keyId, 'hex').reverse())
}

/**
 * The `RW…` base64 string of a public key, as given to `minisign -P`.
 *
 * The bytes are `"Ed"` ‖ key id (8, little-endian) ‖ Ed25519 public key (32).
 */
export function publicKeyBase64(keyId: string, publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new TypeError('publicKeyBase64: a public key is 32 bytes')
  return Buffer.concat([Buffer.from(ALG_LEGACY), keyIdToBytes(keyId), publicKey]).toString('base64')
}

/**
 * The two-line `.pub` file of a public key, as `minisign -G` writes it.
 *
 * The comment defaults to minisign's own, `minisign public key <KEYID>`.
 */
export function formatPublicKey(keyId: string, publicKey: Uint8Array, comment?: string): string {
  const text = comment ?? `minisign public key ${keyId}`
  assertCommentLine(text, 'comment', MAX_UNTRUSTED_COMMENT_BYTES)
  return `${UNTRUSTED_PREFIX}${text}\n${publicKeyBase64(keyId, publicKey)}\n`
}

/**
 * Parse a public key: the whole `.pub` file text or the bare `RW…` base64 line.
 *
 * @throws AppError `KEY_INVALID` saying what is wrong with the text.
 */
export function parsePublicKey(text: string): MinisignPublicKey {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/\r$/, '').trim())
    .filter((line) => line !== '')
  const invalid = (why: string): AppError =>
    new AppError('KEY_INVALID', `This is not a minisign public key: ${why}.`)
  if (lines.length === 0) throw invalid('the text is empty')
  if (lines.length > 2) throw invalid('a .pub file has two lines (comment and key)')
  if (lines.length === 2 && !lines[0]?.startsWith(UNTRUSTED_PREFIX.trim())) {
    throw invalid(`the first line must start with "${UNTRUSTED_PREFIX.trim()}"`)
  }
  const bytes = decodeBase64(lines[lines.length - 1] ?? '')
  if (bytes === null) throw invalid('the key line is not valid base64')
  if (bytes.length !== PUBLIC_KEY_BYTES) {
    throw invalid(`the key is ${bytes.length} bytes long, not ${PUBLIC_KEY_BYTES}`)
  }
  if (bytes.subarray(0, 2).toString('latin1') !== ALG_LEGACY) {
    throw invalid('the key is not an Ed25519 ("Ed") key')
  }
  return {
    keyId: keyIdFromBytes(bytes.subarray(2, 10)),
    publicKey: Uint8Array.from(bytes.subarray(10)),
  }
}

/**
 * Decode a `.minisig` file into its parts, without verifying anything.
 *
 * @throws AppError `SIGNATURE_INVALID` ("malformed") saying which line is wrong.
 */
export function parseSignature(sigText: string): MinisignSignatureParts {
  const lines = sigText.split('\n').map((line) => line.replace(/\r$/, ''))
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  const malformed = (why: string): AppError =>
    new AppError('SIGNATURE_INVALID', `The signature file is malformed: ${why}.`)
  if (lines.length !== 4) throw malformed(`it has ${lines.length} lines, not 4`)
  const [untrusted = '', sigLine = '', trusted = '', globalLine = ''] = lines
  if (!untrusted.startsWith(UNTRUSTED_PREFIX)) {
    throw malformed(`line 1 must start with "${UNTRUSTED_PREFIX.trim()}"`)
  }
  if (!trusted.startsWith(TRUSTED_PREFIX)) {
    throw malformed(`line 3 must start with "${TRUSTED_PREFIX.trim()}"`)
  }
  const sig = decodeBase64(sigLine.trim())
  if (sig?.length !== SIGNATURE_BYTES) {
    throw malformed(`line 2 is not a base64 signature of ${SIGNATURE_BYTES} bytes`)
  }
  const algorithm = sig.subarray(0, 2).toString('latin1')
  if (algorithm !== ALG_LEGACY && algorithm !== ALG_PREHASHED) {
    throw malformed(`unknown signature algorithm "${algorithm}"`)
  }
  const globalSignature = decodeBase64(globalLine.trim())
  if (globalSignature?.length !== 64) {
    throw malformed('line 4 is not a base64 global signature of 64 bytes')
  }
  return {
    algorithm,
    keyId: keyIdFromBytes(sig.subarray(2, 10)),
    signature: Uint8Array.from(sig.subarray(10)),
    trustedComment: trusted.slice(TRUSTED_PREFIX.length),
    globalSignature: Uint8Array.from(globalSignature),
  }
}

/**
 * The key id a `.minisig` file names, to look the signer up before verifying.
 *
 * The id is unauthenticated until {@link parseSignature}'s parts verify against that key.
 *
 * @throws AppError `SIGNATURE_INVALID` when the file is malformed.
 */
export function readSignatureKeyId(sigText: string): string {
  return parseSignature(sigText).keyId
}

/**
 * The four-line `.minisig` text of signed parts.
 *
 * The untrusted comment defaults to `signature from outpost secret key`.
 */
export function formatSignature(parts: MinisignSignatureParts, untrustedComment?: string): string {
  const comment = untrustedComment ?? 'signature from outpost secret key'
  assertCommentLine(comment, 'untrusted comment', MAX_UNTRUSTED_COMMENT_BYTES)
  const sig = Buffer.concat([
    Buffer.from(parts.algorithm, 'latin1'),
    keyIdToBytes(parts.keyId),
    parts.signature,
  ])
  return (
    `${UNTRUSTED_PREFIX}${comment}\n${sig.toString('base64')}\n` +
    `${TRUSTED_PREFIX}${parts.trustedComment}\n` +
    `${Buffer.from(parts.globalSignature).toString('base64')}\n`
  )
}

/**
 * Refuse a comment that would not survive as one line of a minisign file.
 *
 * @throws AppError `INVALID_INPUT` for line breaks, NUL or an over-long comment.
 */
export function assertCommentLine(text: string, what: string, maxBytes: number): void {
  if (/[\r\n\0]/.test(text)) {
    throw new AppError('INVALID_INPUT', `The ${what} must be one line (no line breaks or NUL).`)
  }
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new AppError('INVALID_INPUT', `The ${what} is longer than ${maxBytes} bytes.`)
  }
}

/** Strict base64: canonical padding, no stray characters; null when `text` is not. */
function decodeBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) return null
  const bytes = Buffer.from(text, 'base64')
  return bytes.toString('base64') === text ? bytes : null
}
