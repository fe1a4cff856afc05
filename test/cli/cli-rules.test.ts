import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { workbench } from '../helpers/shared-case'
import { signedPack } from '../helpers/signed-pack'
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
    expect(listed.stdout).toBe('outpost-default  3.0.0 [3.1.0]  (own)\n')
  })
})
