import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  formatPublicKey,
  generateKeyPair,
  parsePublicKey,
  publicKeyBase64,
  readSignatureKeyId,
  signMinisign,
  verifyMinisign,
} from '../../../main/core/crypto/minisign'
import { tempDir } from '../../helpers/temp-dir'

const MINISIGN = '/usr/bin/minisign'
// CI installs minisign: a missing binary there is a failure, not a skip.
const HAS_MINISIGN = existsSync(MINISIGN) || process.env['CI'] !== undefined
const COMMENT = 'bundle:case-2025-0042 tlp:AMBER created:2025-03-14T10:02:00Z'

function minisign(args: readonly string[]): { status: number | null; output: string } {
  const run = spawnSync(MINISIGN, args, { encoding: 'utf8', timeout: 20_000 })
  if (run.error !== undefined) throw run.error
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

function writeSigned(dir: string): { file: string; key: ReturnType<typeof generateKeyPair> } {
  const key = generateKeyPair()
  const file = join(dir, 'SHA256SUMS')
  const data = Buffer.from(
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty\n',
  )
  writeFileSync(file, data)
  writeFileSync(`${file}.minisig`, signMinisign(data, key, COMMENT))
  return { file, key }
}

describe.skipIf(!HAS_MINISIGN)('minisign CLI interop', () => {
  it('minisign -V -H accepts our signature with -P and prints the trusted comment', () => {
    const { file, key } = writeSigned(tempDir())

    const run = minisign(['-Vm', file, '-P', publicKeyBase64(key.keyId, key.publicKey), '-H'])

    expect(run.output).toContain('Signature and comment signature verified')
    expect(run.output).toContain(`Trusted comment: ${COMMENT}`)
    expect(run.status).toBe(0)
  })

  it('minisign -V accepts our signature with our .pub file', () => {
    const dir = tempDir()
    const { file, key } = writeSigned(dir)
    writeFileSync(join(dir, 'outpost.pub'), formatPublicKey(key.keyId, key.publicKey))

    const run = minisign(['-Vm', file, '-p', join(dir, 'outpost.pub'), '-H'])

    expect(run.output).toContain(`Trusted comment: ${COMMENT}`)
    expect(run.status).toBe(0)
  })

  it('minisign -V refuses a file altered after we signed it', () => {
    const { file, key } = writeSigned(tempDir())
    writeFileSync(file, 'tampered\n')

    const run = minisign(['-Vm', file, '-P', publicKeyBase64(key.keyId, key.publicKey)])

    expect(run.output).toContain('Signature verification failed')
    expect(run.status).toBe(1)
  })

  it('verifies what minisign -S signed with a key from minisign -G', () => {
    const dir = tempDir()
    const [pub, sec, file] = ['partner.pub', 'partner.key', 'pack.zip'].map((n) => join(dir, n))
    const generated = execFileSync(MINISIGN, ['-G', '-W', '-p', pub!, '-s', sec!], {
      encoding: 'utf8',
    })
    writeFileSync(file!, Buffer.from('a rule pack\n'))
    execFileSync(MINISIGN, ['-S', '-s', sec!, '-m', file!, '-t', 'pack:acme-rules 1.2.0'])

    const pubText = readFileSync(pub!, 'utf8')
    const sigText = readFileSync(`${file!}.minisig`, 'utf8')
    const key = parsePublicKey(pubText)
    const result = verifyMinisign(readFileSync(file!), sigText, key)

    // minisign prints the id in its comment without leading zeros (printf %PRIX64).
    expect(pubText).toContain(`minisign public key ${key.keyId.replace(/^0+(?=.)/, '')}\n`)
    expect(generated).toContain(`-P ${publicKeyBase64(key.keyId, key.publicKey)}`)
    expect(readSignatureKeyId(sigText)).toBe(key.keyId)
    expect(result).toEqual({
      keyId: key.keyId,
      trustedComment: 'pack:acme-rules 1.2.0',
      prehashed: true,
    })
    expect(() => verifyMinisign(Buffer.from('another pack\n'), sigText, key)).toThrow(
      /Signature verification failed/,
    )
  })
})
