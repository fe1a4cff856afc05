import { readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePublicKey, verifyMinisign, blake2b512 } from '../../../../main/core/crypto/minisign'
import { SigningKeyStore } from '../../../../main/core/share/keys/key-store'
import type { SafeStorageLike } from '../../../../main/core/share/keys/secret-box'
import {
  passphraseProtector,
  safeStorageProtector,
} from '../../../../main/core/share/keys/secret-box'
import { tempDir } from '../../../helpers/temp-dir'

// Tests only: a cheap scrypt cost (the default is logN 15).
const FAST = { logN: 10, r: 8, p: 1 }
const DATA = Buffer.from('SHA256SUMS\n')

function passphrase(text = 'correct horse battery'): ReturnType<typeof passphraseProtector> {
  return passphraseProtector(text, FAST)
}

/** Electron's safeStorage, faked: XOR with a per-"user" byte stands in for the OS keychain. */
function fakeSafeStorage(user = 0x5a, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(Buffer.from(text).map((b) => b ^ user)),
    decryptString: (blob) => {
      const text = Buffer.from(blob.map((b) => b ^ user)).toString()
      if (!/^[A-Za-z0-9+/=]+$/.test(text)) throw new Error('Error while decrypting the ciphertext')
      return text
    },
  }
}

function clockFrom(iso: string): () => Date {
  let t = Date.parse(iso)
  return () => new Date((t += 1000))
}

describe('SigningKeyStore', () => {
  it('creates a passphrase-protected key, lists it and signs with it once unlocked', () => {
    const store = SigningKeyStore.forDataDir(tempDir())

    const info = store.create({
      org: 'ACME CERT',
      contact: 'cert@acme.example',
      protector: passphrase(),
    })
    const signer = store.unlock(info.keyId, passphrase())
    const sig = signer.sign(DATA, 'bundle:case-1')

    expect(info).toMatchObject({
      org: 'ACME CERT',
      contact: 'cert@acme.example',
      protection: 'passphrase',
      publicKeyText: `untrusted comment: minisign public key ${info.keyId}\n${info.publicKeyBase64}\n`,
    })
    expect(info.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/)
    expect(store.list()).toEqual([info])
    expect(store.get(info.keyId)).toEqual(info)
    expect(signer).toMatchObject({
      keyId: info.keyId,
      org: 'ACME CERT',
      publicKeyText: info.publicKeyText,
    })
    expect(verifyMinisign(DATA, sig, parsePublicKey(info.publicKeyText)).trustedComment).toBe(
      'bundle:case-1',
    )
    expect(signer.signHash(blake2b512(DATA), 'bundle:case-1')).toBe(sig)
  })

  it('writes <id>.pub and <id>.key.json with mode 0600 and no clear seed', () => {
    const store = SigningKeyStore.forDataDir(tempDir())

    const info = store.create({ org: 'ACME', protector: passphrase() })
    const keyFile = JSON.parse(
      readFileSync(join(store.dir, `${info.keyId}.key.json`), 'utf8'),
    ) as Record<string, unknown>

    expect(readdirSync(store.dir).sort()).toEqual([`${info.keyId}.key.json`, `${info.keyId}.pub`])
    expect(statSync(join(store.dir, `${info.keyId}.key.json`)).mode & 0o777).toBe(0o600)
    expect(statSync(join(store.dir, `${info.keyId}.pub`)).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(store.dir, `${info.keyId}.pub`), 'utf8')).toBe(info.publicKeyText)
    expect(Object.keys(keyFile).sort()).toEqual([
      'ciphertext',
      'contact',
      'createdAt',
      'format',
      'kdf',
      'keyId',
      'nonce',
      'org',
      'protection',
      'publicKey',
      'salt',
    ])
    expect(keyFile).toMatchObject({
      format: 'outpost-signing-key/1',
      kdf: { name: 'scrypt', logN: 10, r: 8, p: 1 },
      protection: 'passphrase',
    })
    expect((keyFile['ciphertext'] as string).length).toBe(64) // 32-byte seed + 16-byte tag
  })

  it('refuses a wrong passphrase with KEY_LOCKED', () => {
    const store = SigningKeyStore.forDataDir(tempDir())
    const info = store.create({ org: 'ACME', protector: passphrase() })

    expect(() => store.unlock(info.keyId, passphrase('wrong horse'))).toThrow(
      expect.objectContaining({
        code: 'KEY_LOCKED',
        message: `The passphrase does not unlock key ${info.keyId} (ACME).`,
      }),
    )
  })

  it('protects a key with the OS keychain through a safeStorage-shaped API', () => {
    const store = SigningKeyStore.forDataDir(tempDir())

    const info = store.create({ org: 'ACME', protector: safeStorageProtector(fakeSafeStorage()) })
    const signer = store.unlock(info.keyId, safeStorageProtector(fakeSafeStorage()))

    expect(info.protection).toBe('os-keychain')
    expect(
      verifyMinisign(DATA, signer.sign(DATA, 'x'), parsePublicKey(info.publicKeyBase64)).keyId,
    ).toBe(info.keyId)
    expect(() => store.unlock(info.keyId, safeStorageProtector(fakeSafeStorage(0x33)))).toThrow(
      expect.objectContaining({
        code: 'KEY_LOCKED',
        message: expect.stringMatching(/OS keychain cannot unlock/) as unknown,
      }),
    )
    expect(() => store.unlock(info.keyId, passphrase())).toThrow(
      /protected by the OS keychain, not a passphrase/,
    )
    expect(() =>
      store.create({ org: 'ACME', protector: safeStorageProtector(fakeSafeStorage(1, false)) }),
    ).toThrow(expect.objectContaining({ code: 'KEY_LOCKED' }))
  })

  it('chooses the most recent key as the default', () => {
    const store = SigningKeyStore.forDataDir(tempDir(), clockFrom('2026-01-01T00:00:00Z'))

    const empty = store.defaultKey()
    const first = store.create({ org: 'ACME', protector: passphrase() })
    const second = store.create({ org: 'ACME', protector: passphrase() })

    expect(empty).toBeNull()
    expect(store.list().map((k) => k.keyId)).toEqual([first.keyId, second.keyId])
    expect(store.defaultKey()?.keyId).toBe(second.keyId)
  })

  it('reports unknown and malformed key ids as not found', () => {
    const store = SigningKeyStore.forDataDir(tempDir())

    expect(store.find('0123456789ABCDEF')).toBeNull()
    expect(store.find('../../etc/passwd')).toBeNull()
    expect(() => store.get('0123456789ABCDEF')).toThrow(
      expect.objectContaining({ code: 'KEY_NOT_FOUND' }),
    )
  })

  it.each([
    ['an org with a line break', 'ACME\nCERT'],
    ['an empty org', '  '],
  ])('refuses %s', (_what, org) => {
    const store = SigningKeyStore.forDataDir(tempDir())

    expect(() => store.create({ org, protector: passphrase() })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    )
  })

  describe('a tampered key file', () => {
    function tamper(edit: (file: Record<string, unknown>) => unknown): {
      store: SigningKeyStore
      keyId: string
    } {
      const store = SigningKeyStore.forDataDir(tempDir())
      const { keyId } = store.create({ org: 'ACME', protector: passphrase() })
      const path = join(store.dir, `${keyId}.key.json`)
      const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
      const edited = edit(file)
      writeFileSync(path, typeof edited === 'string' ? edited : JSON.stringify(edited ?? file))
      return { store, keyId }
    }

    it.each<[string, (file: Record<string, unknown>) => unknown, RegExp]>([
      ['garbage', () => 'not json {', /\(root\)/],
      ['an unknown field', (f) => ({ ...f, extra: 1 }), /Unrecognized key/],
      [
        'a __proto__ key',
        (f) => `{"__proto__":{"polluted":true},${JSON.stringify(f).slice(1)}`,
        /Unrecognized key/,
      ],
      ['another format', (f) => ({ ...f, format: 'outpost-signing-key/2' }), /format/],
      [
        'a huge scrypt cost',
        (f) => ({ ...f, kdf: { name: 'scrypt', logN: 30, r: 8, p: 1 } }),
        /kdf\.logN/,
      ],
      [
        'another key id',
        (f) => ({ ...f, keyId: '0123456789ABCDEF' }),
        /names key 0123456789ABCDEF/,
      ],
      ['no passphrase parameters', (f) => ({ ...f, salt: null }), /passphrase parameters/],
    ])('with %s is refused as KEY_INVALID', (_what, edit, message) => {
      const { store, keyId } = tamper(edit)

      expect(() => store.get(keyId)).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }))
      expect(() => store.list()).toThrow(message)
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    })

    it('with another public key fails the unlock check', () => {
      const other = SigningKeyStore.forDataDir(tempDir()).create({
        org: 'X',
        protector: passphrase(),
      })
      const { store, keyId } = tamper((f) => {
        const bytes = Buffer.from(other.publicKeyBase64, 'base64')
        Buffer.from(f['publicKey'] as string, 'base64').copy(bytes, 0, 0, 10)
        return { ...f, publicKey: bytes.toString('base64') }
      })

      expect(() => store.unlock(keyId, passphrase())).toThrow(
        expect.objectContaining({
          code: 'KEY_INVALID',
          message: expect.stringMatching(/does not match its public key/) as unknown,
        }),
      )
    })

    it('with an altered ciphertext does not unlock', () => {
      const { store, keyId } = tamper((f) => {
        const c = Buffer.from(f['ciphertext'] as string, 'base64')
        c[0] = (c[0] ?? 0) ^ 1
        return { ...f, ciphertext: c.toString('base64') }
      })

      expect(() => store.unlock(keyId, passphrase())).toThrow(
        expect.objectContaining({ code: 'KEY_LOCKED' }),
      )
    })
  })
})
