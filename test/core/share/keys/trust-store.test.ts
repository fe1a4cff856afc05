import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  formatPublicKey,
  generateKeyPair,
  keyFingerprint,
  publicKeyBase64,
} from '../../../../main/core/crypto/minisign'
import { SigningKeyStore } from '../../../../main/core/share/keys/key-store'
import { passphraseProtector } from '../../../../main/core/share/keys/secret-box'
import { TrustStore, resolveSigner } from '../../../../main/core/share/keys/trust-store'
import { tempDir } from '../../../helpers/temp-dir'

const PARTNER = generateKeyPair()
const PARTNER_PUB = formatPublicKey(PARTNER.keyId, PARTNER.publicKey)
const NOW = () => new Date('2026-03-14T10:02:00.000Z')

function store(dir = tempDir()): TrustStore {
  return TrustStore.forDataDir(dir, NOW)
}

describe('TrustStore', () => {
  it('adds a partner key from its .pub text, finds, lists and removes it', () => {
    const trust = store()

    const entry = trust.add({
      publicKeyText: PARTNER_PUB,
      org: 'Partner CSIRT',
      addedBy: 'ana',
      note: 'met at FIRST',
    })
    const listed = trust.list()
    const found = trust.find(PARTNER.keyId)
    const removed = trust.remove(PARTNER.keyId)

    expect(entry).toEqual({
      keyId: PARTNER.keyId,
      org: 'Partner CSIRT',
      publicKeyBase64: publicKeyBase64(PARTNER.keyId, PARTNER.publicKey),
      fingerprint: keyFingerprint(PARTNER.publicKey),
      addedAt: '2026-03-14T10:02:00.000Z',
      addedBy: 'ana',
      note: 'met at FIRST',
    })
    expect(listed).toEqual([entry])
    expect(found).toEqual(entry)
    expect(removed).toEqual(entry)
    expect(trust.list()).toEqual([])
    expect(trust.find(PARTNER.keyId)).toBeNull()
  })

  it('keeps trust.json private and readable by a new store', () => {
    const dir = tempDir()
    store(dir).add({
      publicKeyText: PARTNER_PUB.split('\n')[1] ?? '',
      org: 'Partner',
      addedBy: 'ana',
    })

    const reread = store(dir).list()

    expect(statSync(join(dir, 'trust.json')).mode & 0o777).toBe(0o600)
    expect(reread).toHaveLength(1)
    expect(reread[0]).not.toHaveProperty('note')
    expect(JSON.parse(readFileSync(join(dir, 'trust.json'), 'utf8'))).toMatchObject({
      format: 'outpost-trust/1',
    })
  })

  it('adds the same key twice as one entry', () => {
    const trust = store()
    const first = trust.add({ publicKeyText: PARTNER_PUB, org: 'Partner', addedBy: 'ana' })

    const again = trust.add({ publicKeyText: PARTNER_PUB, org: 'Other name', addedBy: 'bob' })

    expect(again).toEqual(first)
    expect(trust.list()).toHaveLength(1)
  })

  it('refuses another key that claims a trusted key id', () => {
    const trust = store()
    trust.add({ publicKeyText: PARTNER_PUB, org: 'Partner', addedBy: 'ana' })
    const impostor = formatPublicKey(PARTNER.keyId, generateKeyPair().publicKey)

    expect(() => trust.add({ publicKeyText: impostor, org: 'Partner', addedBy: 'ana' })).toThrow(
      expect.objectContaining({
        code: 'KEY_CONFLICT',
        message: expect.stringMatching(
          `Key id ${PARTNER.keyId} is already trusted for "Partner"`,
        ) as unknown,
      }),
    )
    expect(trust.list()[0]?.publicKeyBase64).toBe(publicKeyBase64(PARTNER.keyId, PARTNER.publicKey))
  })

  it.each([
    ['a malformed key', { publicKeyText: 'RWnonsense', org: 'P', addedBy: 'ana' }, 'KEY_INVALID'],
    [
      'a multi-line org',
      { publicKeyText: PARTNER_PUB, org: 'P\nQ', addedBy: 'ana' },
      'INVALID_INPUT',
    ],
    [
      'a multi-line note',
      { publicKeyText: PARTNER_PUB, org: 'P', addedBy: 'ana', note: 'a\nb' },
      'INVALID_INPUT',
    ],
  ])('refuses %s', (_what, input, code) => {
    const trust = store()

    expect(() => trust.add(input)).toThrow(expect.objectContaining({ code }))
    expect(trust.list()).toEqual([])
  })

  it('reports removing an unknown key', () => {
    expect(() => store().remove('0123456789ABCDEF')).toThrow(
      expect.objectContaining({ code: 'KEY_NOT_FOUND' }),
    )
  })

  describe('a damaged trust.json', () => {
    const entry = {
      keyId: PARTNER.keyId,
      org: 'Partner',
      publicKeyBase64: publicKeyBase64(PARTNER.keyId, PARTNER.publicKey),
      fingerprint: keyFingerprint(PARTNER.publicKey),
      addedAt: '2026-03-14T10:02:00.000Z',
      addedBy: 'ana',
    }

    it.each<[string, string, RegExp]>([
      ['garbage', '{"format": "outpost-trust/1", "entr', /\(root\)/],
      ['an empty file', '', /\(root\)/],
      [
        'a __proto__ key',
        `{"__proto__":{"polluted":true},"format":"outpost-trust/1","entries":[]}`,
        /Unrecognized key/,
      ],
      [
        'a __proto__ key in an entry',
        JSON.stringify({ format: 'outpost-trust/1', entries: [entry] }).replace(
          '{"keyId"',
          '{"__proto__":{"polluted":1},"keyId"',
        ),
        /Unrecognized key/,
      ],
      [
        'a duplicate key id',
        JSON.stringify({ format: 'outpost-trust/1', entries: [entry, entry] }),
        /listed twice/,
      ],
      [
        'a wrong fingerprint',
        JSON.stringify({
          format: 'outpost-trust/1',
          entries: [{ ...entry, fingerprint: '0000 0000 0000 0000 0000 0000 0000 0000' }],
        }),
        /does not match its public key/,
      ],
      [
        'a key id that is not the key’s',
        JSON.stringify({
          format: 'outpost-trust/1',
          entries: [{ ...entry, keyId: '0123456789ABCDEF' }],
        }),
        /does not match its public key/,
      ],
    ])('with %s is refused, named and left in place', (_what, text, message) => {
      const dir = tempDir()
      const path = join(dir, 'trust.json')
      writeFileSync(path, text)
      const trust = store(dir)

      expect(() => trust.list()).toThrow(
        expect.objectContaining({
          code: 'TRUST_STORE_CORRUPT',
          message: expect.stringContaining(path) as unknown,
        }),
      )
      expect(() => trust.add({ publicKeyText: PARTNER_PUB, org: 'P', addedBy: 'ana' })).toThrow(
        message,
      )
      expect(readFileSync(path, 'utf8')).toBe(text)
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    })
  })
})

describe('resolveSigner', () => {
  it('tells own keys, trusted partners and unknown signers apart', () => {
    const dir = tempDir()
    const keys = SigningKeyStore.forDataDir(dir)
    const trust = store(dir)
    const own = keys.create({
      org: 'ACME',
      protector: passphraseProtector('correct horse', { logN: 10, r: 8, p: 1 }),
    })
    trust.add({ publicKeyText: PARTNER_PUB, org: 'Partner', addedBy: 'ana' })

    expect(resolveSigner(own.keyId, { trust, keys })).toMatchObject({
      status: 'own',
      org: 'ACME',
      publicKey: { keyId: own.keyId },
    })
    expect(resolveSigner(PARTNER.keyId, { trust, keys })).toEqual({
      status: 'trusted',
      org: 'Partner',
      publicKey: { keyId: PARTNER.keyId, publicKey: PARTNER.publicKey },
    })
    expect(resolveSigner('0123456789ABCDEF', { trust, keys })).toEqual({ status: 'unknown' })
  })

  it('works on an empty data folder', () => {
    const dir = join(tempDir(), 'never-created')
    mkdirSync(dir)

    const result = resolveSigner(PARTNER.keyId, {
      trust: store(dir),
      keys: SigningKeyStore.forDataDir(dir),
    })

    expect(result).toEqual({ status: 'unknown' })
    expect(existsSync(join(dir, 'trust.json'))).toBe(false)
  })
})
