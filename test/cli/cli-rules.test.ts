import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { workbench } from '../helpers/shared-case'
import { signedPack } from '../helpers/signed-pack'
import { ROOT } from '../helpers/launcher'
import { tempDir } from '../helpers/temp-dir'
import { cli } from './cli-harness'

describe('outpost rules import / list', () => {
  it('checks and diffs a signed pack, installs it only with --activate, and refuses a replay', async () => {
    const publisher = workbench('Publisher')
    const data = ['--data-dir', publisher.dataDir]

    const checked = await cli(['rules', 'import', signedPack(publisher, '3.0.0', 30), ...data])
    const installed = await cli([
      'rules',
      'import',
      signedPack(publisher, '3.0.0', 30),
      '--activate',
      ...data,
    ])
    const update = await cli([
      'rules',
      'import',
      signedPack(publisher, '3.1.0', 31),
      '--activate',
      ...data,
    ])
    const replay = await cli(['rules', 'import', signedPack(publisher, '2.9.0', 29), ...data])
    const listed = await cli(['rules', 'list', ...data])

    expect(checked.code, checked.stderr).toBe(EXIT.OK)
    expect(checked.stdout).toMatch(/new pack: nothing of this name is installed/)
    expect(checked.stdout).toMatch(/checked, not installed: run again with --activate/)
    expect(installed.stdout).toMatch(/installed and activated/)
    expect(update.stdout).toMatch(/against 3.0.0: added 0, removed 0/)
    expect(replay.code).toBe(EXIT.RULES)
    expect(replay.stderr).toMatch(/never goes back/)
    expect(listed.stdout).toBe('harbour-rules  3.0.0 [3.1.0]  (own)\n')
  })
})

describe('outpost rules check / import of plain folders', () => {
  const plain = (files: Record<string, string>): string => {
    const dir = join(tempDir('outpost-plain-'), 'partner')
    mkdirSync(dir, { recursive: true })
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
    return dir
  }
  const FILES = {
    'ok.yar': 'rule Ok_Marker { strings: $o = "ok-marker" condition: $o }\n',
    'bad.yar':
      'rule Fine_Marker { strings: $f = "fine-marker" condition: $f }\n\nrule Bad_Regex { strings: $r = /a(/ condition: $r }\n',
  }

  it('check prints file:line:col per diagnostic and exits 4 on errors, 0 otherwise', async () => {
    const broken = await cli(['rules', 'check', plain(FILES)])
    const clean = await cli(['rules', 'check', plain({ 'ok.yar': FILES['ok.yar'] })])
    const json = await cli(['rules', 'check', plain(FILES), '--json'])
    const signed = await cli(['rules', 'check', join(ROOT, 'rules')])

    expect(broken.code).toBe(EXIT.RULES)
    expect(broken.stdout).toMatch(
      /^bad\.yar:3:\d+: error E014: invalid regular expression \(rule Bad_Regex\)$/m,
    )
    expect(broken.stdout).toMatch(/2 file\(s\), 3 rule\(s\): 1 error\(s\), 0 warning\(s\)/)
    expect(clean.code, clean.stderr).toBe(EXIT.OK)
    expect(signed.code, signed.stderr).toBe(EXIT.OK)
    expect(signed.stdout).toMatch(
      /^\d+ file\(s\), \d{2,} rule\(s\): 0 error\(s\), 0 warning\(s\)\n$/,
    )
    expect(JSON.parse(json.stdout)).toMatchObject({
      files: 2,
      errors: 1,
      diagnostics: [{ code: 'E014' }],
    })
  })

  it('import --drop-invalid installs an unsigned local pack; list shows it as unsigned', async () => {
    const data = ['--data-dir', tempDir()]
    const folder = plain(FILES)

    const refused = await cli(['rules', 'import', folder, ...data])
    const checked = await cli(['rules', 'import', folder, '--drop-invalid', ...data])
    const installed = await cli([
      'rules',
      'import',
      folder,
      '--drop-invalid',
      '--activate',
      '--name',
      'partners',
      ...data,
    ])
    const again = await cli([
      'rules',
      'import',
      folder,
      '--drop-invalid',
      '--activate',
      '--name',
      'partners',
      '--json',
      ...data,
    ])
    const listed = await cli(['rules', 'list', ...data])

    expect(refused.code).toBe(EXIT.RULES)
    expect(refused.stderr).toMatch(/--drop-invalid/)
    expect(checked.code, checked.stderr).toBe(EXIT.OK)
    expect(checked.stdout).toMatch(/Local rule pack partner \(unsigned\), 2 rules/)
    expect(checked.stdout).toMatch(/bad\.yar:3 rule Bad_Regex: invalid regular expression/)
    expect(checked.stdout).toMatch(/checked, not installed/)
    expect(installed.stdout).toMatch(/installed as local-1 and activated/)
    expect(JSON.parse(again.stdout)).toMatchObject({
      name: 'partners',
      signature: 'unsigned',
      replaces: 'local-1',
      diff: { added: 0, removed: 0, unchanged: 2 },
      installed: { id: 'local-2', signature: 'unsigned' },
    })
    expect(listed.stdout).toBe('partners  local-1 [local-2]  (unsigned)\n')
  })
})
