import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDataDir } from '../../main/cli/data-dir'
import { EXIT } from '../../main/cli/exit-codes'
import {
  formatPublicKey,
  generateKeyPair,
  keyFingerprint,
  parsePublicKey,
  verifyMinisign,
} from '../../main/core/crypto/minisign'
import { SigningKeyStore } from '../../main/core/share/keys/key-store'
import { passphraseProtector } from '../../main/core/share/keys/secret-box'
import { tempDir } from '../helpers/temp-dir'
import { cli } from './cli-harness'

function passphraseFile(text = 'correct horse battery\n'): string {
  const path = join(tempDir(), 'passphrase.txt')
  writeFileSync(path, text)
  return path
}

describe('outpost keys', () => {
  it('creates a key from a passphrase file, lists and exports it', async () => {
    const dataDir = tempDir()

    const created = await cli([
      'keys',
      'create',
      '--org',
      'ACME CERT',
      '--contact',
      'cert@acme.example',
      '--passphrase-file',
      passphraseFile(),
      '--data-dir',
      dataDir,
    ])
    const listed = await cli(['keys', 'list', '--data-dir', dataDir])
    const json = await cli(['keys', 'list', '--json', '--data-dir', dataDir])
    const [info] = JSON.parse(json.stdout) as [
      { keyId: string; fingerprint: string; publicKeyText: string },
    ]
    const exported = await cli(['keys', 'export', info.keyId, '--data-dir', dataDir])
    const exportedDefault = await cli(['keys', 'export', '--data-dir', dataDir])

    expect(created.stderr).toBe('')
    expect(created.code).toBe(EXIT.OK)
    expect(created.stdout).toContain(
      `Created signing key ${info.keyId} for "ACME CERT" (passphrase-protected)`,
    )
    expect(created.stdout).toContain(`fingerprint: ${info.fingerprint}`)
    expect(listed.stdout).toMatch(
      new RegExp(
        `^${info.keyId}  \\S+  passphrase   ACME CERT <cert@acme.example>\\n  fingerprint ${info.fingerprint}\\n$`,
      ),
    )
    expect(exported.stdout).toBe(info.publicKeyText)
    expect(exportedDefault.stdout).toBe(info.publicKeyText)
    const signer = SigningKeyStore.forDataDir(dataDir).unlock(
      info.keyId,
      passphraseProtector('correct horse battery'),
    )
    const data = Buffer.from('x')
    expect(
      verifyMinisign(data, signer.sign(data, 't'), parsePublicKey(exported.stdout)).keyId,
    ).toBe(info.keyId)
  })

  it('takes the passphrase from OUTPOST_KEY_PASSPHRASE and refuses a short one', async () => {
    const dataDir = tempDir()
    const saved = process.env['OUTPOST_KEY_PASSPHRASE']
    try {
      process.env['OUTPOST_KEY_PASSPHRASE'] = 'from the environment'
      const fromEnv = await cli(['keys', 'create', '--org', 'ACME', '--data-dir', dataDir])
      const short = await cli([
        'keys',
        'create',
        '--org',
        'ACME',
        '--passphrase-file',
        passphraseFile('short\n'),
        '--data-dir',
        dataDir,
      ])

      expect(fromEnv.code).toBe(EXIT.OK)
      expect(short.stderr).toContain('at least 8 characters')
    } finally {
      if (saved === undefined) delete process.env['OUTPOST_KEY_PASSPHRASE']
      else process.env['OUTPOST_KEY_PASSPHRASE'] = saved
    }
  })

  // On a terminal the CLI would prompt instead (vitest's workers normally have none).
  it.skipIf(process.stdin.isTTY)(
    'refuses to create a key without a passphrase source',
    async () => {
      const saved = process.env['OUTPOST_KEY_PASSPHRASE']
      delete process.env['OUTPOST_KEY_PASSPHRASE']
      try {
        const none = await cli(['keys', 'create', '--org', 'ACME', '--data-dir', tempDir()])

        expect(none.code).toBe(EXIT.USAGE)
        expect(none.stderr).toContain('keys create needs a passphrase')
      } finally {
        if (saved !== undefined) process.env['OUTPOST_KEY_PASSPHRASE'] = saved
      }
    },
  )

  it('trusts a partner key, lists it and untrusts it', async () => {
    const dataDir = tempDir()
    const partner = generateKeyPair()
    const pubFile = join(tempDir(), 'partner.pub')
    writeFileSync(pubFile, formatPublicKey(partner.keyId, partner.publicKey))

    const trusted = await cli([
      'keys',
      'trust',
      pubFile,
      '--org',
      'Partner CSIRT',
      '--note',
      'phone-checked',
      '--data-dir',
      dataDir,
    ])
    const list = await cli(['keys', 'trusted', '--data-dir', dataDir])
    const json = await cli(['keys', 'trusted', '--json', '--data-dir', dataDir])
    const untrusted = await cli(['keys', 'untrust', partner.keyId, '--data-dir', dataDir])
    const again = await cli(['keys', 'untrust', partner.keyId, '--data-dir', dataDir])
    const empty = await cli(['keys', 'trusted', '--data-dir', dataDir])

    expect(trusted.stderr).toBe('')
    expect(trusted.stdout).toContain(`Trusted key ${partner.keyId} for "Partner CSIRT"`)
    expect(trusted.stdout).toContain(`fingerprint: ${keyFingerprint(partner.publicKey)}`)
    expect(list.stdout).toContain(`${partner.keyId}  Partner CSIRT  (added `)
    expect(list.stdout).toContain('note: phone-checked')
    expect(JSON.parse(json.stdout)).toMatchObject([
      { keyId: partner.keyId, org: 'Partner CSIRT', note: 'phone-checked' },
    ])
    expect(untrusted.stdout).toBe(`No longer trusting key ${partner.keyId} ("Partner CSIRT").\n`)
    expect(again.code).toBe(EXIT.INPUT)
    expect(again.stderr).toContain('is not in the trusted keys')
    expect(empty.stdout).toBe('No trusted partner keys.\n')
  })

  it('explains usage and reports a missing or damaged file', async () => {
    const dataDir = tempDir()
    writeFileSync(join(dataDir, 'trust.json'), '{oops')

    const usage = await cli(['keys', 'frobnicate', '--data-dir', dataDir])
    const missing = await cli([
      'keys',
      'trust',
      join(dataDir, 'nope.pub'),
      '--org',
      'P',
      '--data-dir',
      dataDir,
    ])
    const damaged = await cli(['keys', 'trusted', '--data-dir', dataDir])
    const noKeys = await cli(['keys', 'export', '--data-dir', dataDir])

    expect(usage.code).toBe(EXIT.USAGE)
    expect(usage.stderr).toContain('usage: outpost keys create --org <name>')
    expect(missing.code).toBe(EXIT.INPUT)
    expect(missing.stderr).toContain('Cannot read the public key file')
    expect(damaged.code).toBe(EXIT.INPUT)
    expect(damaged.stderr).toContain(`${join(dataDir, 'trust.json')} is damaged`)
    expect(readFileSync(join(dataDir, 'trust.json'), 'utf8')).toBe('{oops')
    expect(noKeys.stderr).toContain('No signing keys in')
  })

  it('finds its data folder from --data-dir, $OUTPOST_DATA_DIR, then the platform default', () => {
    expect(resolveDataDir('/flag', { OUTPOST_DATA_DIR: '/env' })).toBe('/flag')
    expect(resolveDataDir(undefined, { OUTPOST_DATA_DIR: '/env' })).toBe('/env')
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/outpost')
    expect(
      resolveDataDir(undefined, { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32'),
    ).toMatch(/Roaming.outpost$/)
  })
})
