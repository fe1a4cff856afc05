import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { authoringFolder, V1_RULES, V2_RULES } from '../helpers/pack-authoring'
import { workbench } from '../helpers/shared-case'
import { tempDir } from '../helpers/temp-dir'
import { cli } from './cli-harness'

function passphraseFile(): string {
  const file = join(tempDir(), 'pass.txt')
  writeFileSync(file, 'correct horse\n')
  return file
}

describe('outpost rules pack', () => {
  it('releases v1 and v2 that `rules import` accepts, with the changes in the changelog', async () => {
    const bench = workbench('Test CERT')
    const dir = authoringFolder(V1_RULES)
    const common = ['--data-dir', bench.dataDir, '--passphrase-file', passphraseFile()]
    const release = ['rules', 'pack', dir, '--sign', '--name', 'cli-pack', '--tlp', 'green']

    const v1 = await cli([...release, '--license', 'MIT', '--zip', ...common])
    expect(v1.code, v1.stderr).toBe(EXIT.OK)
    const v1Folder = join(dir, '..', 'cli-pack-1.0.0')
    expect(v1.stdout).toContain(
      `Signed rule pack cli-pack 1.0.0 (sequence 1), 5 rules, key ${bench.signer.keyId}`,
    )
    expect(v1.stdout).toContain('Initial release: 5 rules.')
    expect(existsSync(`${v1Folder}.zip`)).toBe(true)
    const imported = await cli([
      'rules',
      'import',
      `${v1Folder}.zip`,
      '--activate',
      '--data-dir',
      bench.dataDir,
    ])
    expect(imported.code, imported.stderr).toBe(EXIT.OK)

    for (const [name, text] of Object.entries(V2_RULES))
      writeFileSync(join(dir, 'rules', name), text)
    const v2 = await cli([
      ...release,
      '--license',
      'MIT',
      '--previous',
      v1Folder,
      '--json',
      ...common,
    ])
    expect(v2.code, v2.stderr).toBe(EXIT.OK)
    const summary = JSON.parse(v2.stdout) as Record<string, unknown>
    expect(summary).toMatchObject({
      version: '1.0.1',
      sequence: 2,
      supersedes: { version: '1.0.0', sequence: 1 },
    })
    expect(String(summary['changelog'])).toMatch(/### Added\n\n- `T-6` Added\n/)
    expect(String(summary['changelog'])).toMatch(/### Renamed\n\n- `T-2` Old_Name → New_Name\n/)
    const checked = await cli([
      'rules',
      'import',
      String(summary['folder']),
      '--data-dir',
      bench.dataDir,
    ])
    expect(checked.code, checked.stderr).toBe(EXIT.OK)
    expect(checked.stdout).toMatch(
      /against 1\.0\.0: added 1, removed 1, renamed 1, logicChanged 1, metaOnly 1/,
    )
    expect(readFileSync(join(String(summary['folder']), 'CHANGELOG.md'), 'utf8')).toMatch(
      /## 1\.0\.1 — \d{4}-\d{2}-\d{2} \(sequence 2\)[\s\S]*## 1\.0\.0 — /,
    )
  }, 120_000)

  it('refuses without --sign, without a key, with a wrong passphrase, and on a broken rule', async () => {
    const bench = workbench('Test CERT')
    const dir = authoringFolder(V1_RULES)
    const args = ['rules', 'pack', dir, '--tlp', 'amber', '--license', 'MIT']

    const unsigned = await cli([...args, '--data-dir', bench.dataDir])
    const noKey = await cli([...args, '--sign', '--data-dir', tempDir()])
    const wrong = join(tempDir(), 'wrong.txt')
    writeFileSync(wrong, 'not the passphrase\n')
    const locked = await cli([
      ...args,
      '--sign',
      '--data-dir',
      bench.dataDir,
      '--passphrase-file',
      wrong,
    ])
    writeFileSync(join(dir, 'rules', 'c.yar'), 'rule Broken { condition: undefined_thing }\n')
    const broken = await cli([
      ...args,
      '--sign',
      '--data-dir',
      bench.dataDir,
      '--passphrase-file',
      passphraseFile(),
    ])

    expect(unsigned.code).toBe(EXIT.USAGE)
    expect(unsigned.stderr).toMatch(/always signed: add --sign/)
    expect(noKey.stderr).toMatch(/no signing key yet/)
    expect(locked.code).not.toBe(EXIT.OK)
    expect(locked.stderr).toMatch(/KEY_LOCKED|passphrase/i)
    expect(broken.code).toBe(EXIT.RULES)
    expect(broken.stderr).toMatch(/Not signed: .*rules\/c\.yar/)
    expect(existsSync(join(dir, '..', 'authoring-1.0.0'))).toBe(false)
  }, 120_000)
})
