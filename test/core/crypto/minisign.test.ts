import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256Hex } from '../../../main/core/crypto/digest'
import { describe, expect, it } from 'vitest'
import {
  blake2b512,
  fileDigests,
  formatPublicKey,
  generateKeyPair,
  keyFingerprint,
  parsePublicKey,
  publicKeyBase64,
  readSignatureKeyId,
  signMinisign,
  signPrehashed,
  verifyMinisign,
  verifyPrehashed,
} from '../../../main/core/crypto/minisign'
import { keyIdFromBytes, keyIdToBytes } from '../../../main/core/crypto/minisign-format'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../helpers/temp-dir'

const DATA = new TextEncoder().encode('SHA256SUMS of case-2025-0042\n')
const COMMENT = 'bundle:case-2025-0042 tlp:AMBER tool:outpost/0.1.0'
const KEY = generateKeyPair()
const PUBLIC = { keyId: KEY.keyId, publicKey: KEY.publicKey }

/** A legacy (`Ed`) signature made by hand: the signature covers the raw data. */
function legacySignature(data: Uint8Array, trustedComment: string): string {
  const sig = ed25519.sign(data, KEY.secretKey)
  const global = ed25519.sign(Buffer.concat([sig, Buffer.from(trustedComment)]), KEY.secretKey)
  const line2 = Buffer.concat([Buffer.from('Ed'), keyIdToBytes(KEY.keyId), sig]).toString('base64')
  return `untrusted comment: legacy\n${line2}\ntrusted comment: ${trustedComment}\n${Buffer.from(global).toString('base64')}\n`
}

function replaceLine(text: string, index: number, line: string): string {
  const lines = text.split('\n')
  lines[index] = line
  return lines.join('\n')
}

describe('minisign signatures', () => {
  it('signs prehashed and verifies the round trip with the trusted comment', () => {
    const sig = signMinisign(DATA, KEY, COMMENT)

    const result = verifyMinisign(DATA, sig, PUBLIC)

    expect(sig.split('\n')).toHaveLength(5)
    expect(sig).toMatch(/^untrusted comment: signature from outpost secret key\nRU/)
    expect(sig).toContain(`\ntrusted comment: ${COMMENT}\n`)
    expect(result).toEqual({ keyId: KEY.keyId, trustedComment: COMMENT, prehashed: true })
    expect(readSignatureKeyId(sig)).toBe(KEY.keyId)
  })

  it('is deterministic for the same key, data and comment', () => {
    expect(signMinisign(DATA, KEY, COMMENT)).toBe(signMinisign(DATA, KEY, COMMENT))
  })

  it('uses a custom untrusted comment', () => {
    expect(signMinisign(DATA, KEY, COMMENT, 'from Outpost')).toMatch(
      /^untrusted comment: from Outpost\n/,
    )
  })

  it.each([
    ['line feed', 'a\nb'],
    ['carriage return', 'a\rb'],
    ['NUL', 'a\0b'],
  ])('refuses a trusted comment with a %s', (_what, comment) => {
    expect(() => signMinisign(DATA, KEY, comment)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/one line/) as unknown,
      }),
    )
  })

  it('signs and verifies a hash computed from a file in chunks', () => {
    const path = join(tempDir(), 'bundle.zip')
    writeFileSync(path, Buffer.alloc(3 * 1024 * 1024 + 17, 7))

    const digests = fileDigests(path)
    const hash = digests.blake2b512
    expect(digests.sha256).toBe(sha256Hex(Buffer.alloc(3 * 1024 * 1024 + 17, 7)))
    const sig = signPrehashed(hash, KEY, COMMENT)

    expect(hash).toEqual(blake2b512(Buffer.alloc(3 * 1024 * 1024 + 17, 7)))
    expect(verifyPrehashed(hash, sig, PUBLIC).trustedComment).toBe(COMMENT)
    expect(verifyMinisign(Buffer.alloc(3 * 1024 * 1024 + 17, 7), sig, PUBLIC).prehashed).toBe(true)
  })
})

describe('fileDigests', () => {
  it('reports a missing file as PATH_NOT_FOUND', () => {
    expect(() => fileDigests(join(tempDir(), 'missing.zip'))).toThrow(
      expect.objectContaining({ code: 'PATH_NOT_FOUND' }),
    )
  })
})

describe('minisign verification refusals', () => {
  const sig = signMinisign(DATA, KEY, COMMENT)
  const other = generateKeyPair()

  it.each<[string, () => unknown, RegExp]>([
    [
      'tampered data',
      () => verifyMinisign(new TextEncoder().encode('SHA256SUMS of case-2025-0043\n'), sig, PUBLIC),
      /^Signature verification failed: the data does not match/,
    ],
    [
      'a tampered trusted comment',
      () => verifyMinisign(DATA, sig.replace('tlp:AMBER', 'tlp:CLEAR'), PUBLIC),
      /trusted comment does not match its global signature/,
    ],
    [
      'another key',
      () => verifyMinisign(DATA, sig, { keyId: other.keyId, publicKey: other.publicKey }),
      new RegExp(`signed by key ${KEY.keyId}, not ${other.keyId}`),
    ],
    [
      'a key with the same id but other key material',
      () => verifyMinisign(DATA, sig, { keyId: KEY.keyId, publicKey: other.publicKey }),
      /^Signature verification failed/,
    ],
    [
      'swapped signature lines',
      () => {
        const lines = sig.split('\n')
        return verifyMinisign(DATA, [lines[0], lines[3], lines[2], lines[1]].join('\n'), PUBLIC)
      },
      /malformed: line 2 is not a base64 signature/,
    ],
    [
      'a signature line from another signature',
      () => {
        const foreign = signMinisign(DATA, KEY, 'another comment').split('\n')[3] ?? ''
        return verifyMinisign(DATA, replaceLine(sig, 3, foreign), PUBLIC)
      },
      /trusted comment does not match/,
    ],
    [
      'a truncated signature',
      () => verifyMinisign(DATA, replaceLine(sig, 1, sig.split('\n')[1]!.slice(0, 40)), PUBLIC),
      /malformed: line 2/,
    ],
    [
      'garbage base64',
      () => verifyMinisign(DATA, replaceLine(sig, 1, '!!!!not*base64'), PUBLIC),
      /malformed: line 2/,
    ],
    [
      'a missing line',
      () => verifyMinisign(DATA, sig.split('\n').slice(0, 3).join('\n'), PUBLIC),
      /malformed: it has 3 lines, not 4/,
    ],
    [
      'no trusted comment prefix',
      () => verifyMinisign(DATA, replaceLine(sig, 2, COMMENT), PUBLIC),
      /malformed: line 3 must start with "trusted comment:"/,
    ],
    ['an empty file', () => verifyMinisign(DATA, '', PUBLIC), /malformed/],
  ])('refuses %s', (_what, act, message) => {
    expect(act).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }))
    expect(act).toThrow(message)
  })

  it('accepts a legacy signature only with allowLegacy', () => {
    const legacy = legacySignature(DATA, COMMENT)

    expect(() => verifyMinisign(DATA, legacy, PUBLIC)).toThrow(/legacy minisign format/)
    expect(() => verifyPrehashed(blake2b512(DATA), legacy, PUBLIC)).toThrow(/legacy/)
    expect(verifyMinisign(DATA, legacy, PUBLIC, { allowLegacy: true })).toEqual({
      keyId: KEY.keyId,
      trustedComment: COMMENT,
      prehashed: false,
    })
  })

  it('accepts CRLF line ends', () => {
    expect(verifyMinisign(DATA, sig.replaceAll('\n', '\r\n'), PUBLIC).trustedComment).toBe(COMMENT)
  })
})

describe('minisign public keys', () => {
  it('shows the key id as the little-endian u64 of its bytes', () => {
    const bytes = Uint8Array.from([0xd8, 0x1f, 0x4c, 0x21, 0x2e, 0x09, 0xdf, 0xd4])

    expect(keyIdFromBytes(bytes)).toBe('D4DF092E214C1FD8')
    expect(keyIdToBytes('D4DF092E214C1FD8')).toEqual(bytes)
  })

  it('parses minisign -G output and its bare base64 line alike', () => {
    const pub =
      'untrusted comment: minisign public key D4DF092E214C1FD8\n' +
      'RWTYH0whLgnf1OZVDj6KfkFKQ2/yprRxY4eD87eIxF4W+WuCVCNgvT5b\n'

    const fromFile = parsePublicKey(pub)
    const fromLine = parsePublicKey(' RWTYH0whLgnf1OZVDj6KfkFKQ2/yprRxY4eD87eIxF4W+WuCVCNgvT5b\r\n')

    expect(fromFile.keyId).toBe('D4DF092E214C1FD8')
    expect(fromLine).toEqual(fromFile)
    expect(publicKeyBase64(fromFile.keyId, fromFile.publicKey)).toBe(pub.split('\n')[1])
  })

  it('formats the .pub file that parses back to the same key', () => {
    const text = formatPublicKey(KEY.keyId, KEY.publicKey)

    expect(text).toBe(
      `untrusted comment: minisign public key ${KEY.keyId}\n${publicKeyBase64(KEY.keyId, KEY.publicKey)}\n`,
    )
    expect(text.split('\n')[1]).toMatch(/^RW/)
    expect(parsePublicKey(text)).toEqual(PUBLIC)
  })

  it.each([
    ['empty text', '', /the text is empty/],
    ['three lines', 'untrusted comment: x\nRW\nRW', /two lines/],
    [
      'a missing comment prefix',
      'hello\nRWTYH0whLgnf1OZVDj6KfkFKQ2/yprRxY4eD87eIxF4W+WuCVCNgvT5b',
      /first line/,
    ],
    ['garbage base64', 'RW*?not base64', /not valid base64/],
    ['a truncated key', 'RWTYH0whLgnf1OZVDj6KfkFKQ2/yprRxY4eD87eIxF4W', /is 33 bytes long, not 42/],
    [
      'a signature instead of a key',
      signMinisign(DATA, KEY, COMMENT).split('\n')[1] ?? '',
      /74 bytes/,
    ],
    ['another algorithm', Buffer.alloc(42, 65).toString('base64'), /not an Ed25519/],
  ])('refuses %s with KEY_INVALID', (_what, text, message) => {
    expect(() => parsePublicKey(text)).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }))
    expect(() => parsePublicKey(text)).toThrow(message)
  })

  it('gives a fingerprint of 8 groups of 4 hex digits from SHA-256 of the key', () => {
    const zero = keyFingerprint(new Uint8Array(32))

    expect(zero).toBe('6668 7AAD F862 BD77 6C8F C18B 8E9F 8E20')
    expect(keyFingerprint(KEY.publicKey)).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/)
  })
})
