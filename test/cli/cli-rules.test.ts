import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { serialiseManifest } from '../../main/core/rules/build-manifest'
import { parseManifest } from '../../main/core/rules/pack-manifest'
import { packTrustedComment } from '../../main/core/rules/pack-signature'
import { ROOT } from '../helpers/launcher'
import { workbench } from '../helpers/shared-case'
import type { Workbench } from '../helpers/shared-case'
import { tempDir } from '../helpers/temp-dir'
import { cli } from './cli-harness'

function signedPack(publisher: Workbench, version: string, sequence: number): string {
  const folder = join(tempDir(), `pack-${version}`)
  cpSync(join(ROOT, 'rules'), folder, { recursive: true })
  const original = parseManifest(readFileSync(join(folder, 'pack.json')))
  const manifest = {
    ...original,
    version,
    sequence,
    publisher: { name: 'P', key_id: publisher.signer.keyId },
  }
  const bytes = Buffer.from(serialiseManifest(manifest))
  writeFileSync(join(folder, 'pack.json'), bytes)
  writeFileSync(
    join(folder, 'pack.json.minisig'),
    publisher.signer.sign(bytes, packTrustedComment(manifest)),
  )
  return folder
}

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
    expect(listed.stdout).toBe('outpost-default  3.0.0 [3.1.0]  (own)\n')
  })
})
