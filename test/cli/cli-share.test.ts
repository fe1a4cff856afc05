import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { SHARE_RULES } from '../helpers/shared-case'
import { tempDir } from '../helpers/temp-dir'
import { cli } from './cli-harness'

const PASSPHRASE = 'correct horse battery'

function setUp(): { evidence: string; rules: string; passphrase: string; root: string } {
  const root = tempDir()
  const evidence = join(root, 'evidence')
  mkdirSync(join(evidence, 'Users', 'alice'), { recursive: true })
  writeFileSync(join(evidence, 'Users', 'alice', 'svc.dll'), 'MZ example-loader-config')
  writeFileSync(join(evidence, 'page.html'), '<script>x</script>')
  const rules = join(root, 'share-pack')
  mkdirSync(rules)
  for (const [name, text] of Object.entries(SHARE_RULES)) writeFileSync(join(rules, name), text)
  const passphrase = join(root, 'passphrase.txt')
  writeFileSync(passphrase, `${PASSPHRASE}\n`)
  return { evidence, rules, passphrase, root }
}

describe('outpost export / verify / import', () => {
  it('exports a signed bundle, refuses it where the key is unknown, imports it once trusted', async () => {
    const { evidence, rules, passphrase, root } = setUp()
    const casePath = join(root, 'case.outpost')
    const sender = join(root, 'sender-data')
    const receiver = join(root, 'receiver-data')
    const out = join(root, 'out')
    mkdirSync(out)
    const withData = (dir: string): string[] => ['--data-dir', dir]
    expect((await cli(['scan', evidence, '--case', casePath, '--rules', rules])).code).toBe(
      EXIT.FINDINGS,
    )
    await cli([
      'keys',
      'create',
      '--org',
      'ACME CERT',
      '--passphrase-file',
      passphrase,
      ...withData(sender),
    ])
    await cli([
      'keys',
      'create',
      '--org',
      'Partner',
      '--passphrase-file',
      passphrase,
      ...withData(receiver),
    ])

    const exported = await cli([
      'export',
      '--case',
      casePath,
      '--tlp',
      'amber',
      '--redact',
      'partner',
      '--out',
      out,
      '--passphrase-file',
      passphrase,
      '--json',
      ...withData(sender),
    ])
    const result = JSON.parse(exported.stdout) as {
      zipPath: string
      findings: number
      keyId: string
    }
    const untrusted = await cli(['verify', result.zipPath, ...withData(receiver)])
    const pub = join(root, 'acme.pub')
    writeFileSync(pub, (await cli(['keys', 'export', ...withData(sender)])).stdout)
    await cli(['keys', 'trust', pub, '--org', 'ACME CERT', ...withData(receiver)])
    const verified = await cli(['verify', result.zipPath, ...withData(receiver)])
    const imported = await cli([
      'import',
      result.zipPath,
      '--case',
      join(root, 'partner.outpost'),
      ...withData(receiver),
    ])

    expect(exported.code, exported.stderr).toBe(EXIT.OK)
    expect(result.findings).toBe(2)
    expect(untrusted.code).toBe(EXIT.VERIFY_FAILED)
    expect(untrusted.stderr).toMatch(/not in your trust store/)
    expect(verified.code, verified.stderr).toBe(EXIT.OK)
    expect(verified.stdout).toMatch(/signed by ACME CERT \(key [0-9A-F]{16}, trusted\)/)
    expect(verified.stdout).toContain('ok  file hashes')
    expect(imported.code, imported.stderr).toBe(EXIT.OK)
    expect(imported.stdout).toMatch(
      /Imported partner bundle 1: 2 finding\(s\), 2 rule\(s\) from ACME CERT/,
    )
    expect(imported.stdout).toContain('Users/[user-1]/svc.dll')
  })

  it('says how to get a key when there is none', async () => {
    const { evidence, rules, root } = setUp()
    const casePath = join(root, 'case.outpost')
    await cli(['scan', evidence, '--case', casePath, '--rules', rules])

    const run = await cli([
      'export',
      '--case',
      casePath,
      '--tlp',
      'green',
      '--out',
      root,
      '--data-dir',
      join(root, 'd'),
    ])

    expect(run.code).toBe(EXIT.INPUT)
    expect(run.stderr).toMatch(/outpost keys create/)
  })
})
