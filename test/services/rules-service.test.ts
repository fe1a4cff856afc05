import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../main/core/model/errors'
import { TrustStore } from '../../main/core/share/keys/trust-store'
import { RulesService } from '../../main/services/rules-service'
import { ROOT, sourceLauncher } from '../helpers/launcher'
import {
  ADDED_RULE,
  LOGIC_CHANGED_RULE,
  REMOVED_RULE,
  signedPackUpdate,
} from '../helpers/pack-update'
import { workbench } from '../helpers/shared-case'
import type { Workbench } from '../helpers/shared-case'
import { signedPack } from '../helpers/signed-pack'
import { tempDir } from '../helpers/temp-dir'

let services: RulesService[] = []
afterEach(() => {
  for (const service of services) service.close()
  services = []
})

function rulesService(dataDir: string): RulesService {
  const service = new RulesService({
    dataDir,
    bundledRulesDir: join(ROOT, 'rules'),
    launcher: sourceLauncher(),
    cases: { current: () => null },
  })
  services.push(service)
  return service
}

/** The AppError a promise (or call) fails with. */
async function failure(run: () => unknown): Promise<AppError> {
  try {
    await run()
  } catch (error: unknown) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

async function installV1(publisher: Workbench, service: RulesService): Promise<void> {
  const preview = await service.prepareImport(signedPack(publisher, '1.0.0', 1))
  expect(preview.diff).toBeNull()
  service.confirmImport(preview.token)
}

describe('RulesService', () => {
  it('installs the shipped pack into an empty store on first use and lists it', async () => {
    const dataDir = tempDir('outpost-data-')
    const packs = await rulesService(dataDir).packs()
    const manifest = JSON.parse(readFileSync(join(ROOT, 'rules/pack.json'), 'utf8')) as {
      name: string
      version: string
      sequence: number
      rules: unknown[]
    }
    expect(packs).toHaveLength(1)
    expect(packs[0]?.name).toBe(manifest.name)
    expect(packs[0]?.active).toMatchObject({
      signature: 'bundled',
      installId: `${manifest.version}-${manifest.sequence}`,
      ruleCount: manifest.rules.length,
    })
    expect(existsSync(join(dataDir, 'packs', 'store.json'))).toBe(true)
  })

  it('imports an update with its diff, activates it, keeps v1 and rolls back to it', async () => {
    const publisher = workbench('Publisher CERT')
    const service = rulesService(publisher.dataDir)
    await installV1(publisher, service)

    const preview = await service.prepareImport(await signedPackUpdate(publisher, '1.1.0', 2))
    expect(preview).toMatchObject({
      name: 'harbour-rules',
      version: '1.1.0',
      sequence: 2,
      signature: 'own',
      previous: { version: '1.0.0', sequence: 1 },
    })
    expect(preview.signer?.org).toBe('Publisher CERT')
    expect(preview.signer?.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/)
    expect(preview.diff?.added.map((r) => r.name)).toEqual([ADDED_RULE])
    expect(preview.diff?.removed.map((r) => r.name)).toEqual([REMOVED_RULE])
    expect(preview.diff?.logicChanged.map((p) => p.after.name)).toEqual([LOGIC_CHANGED_RULE])
    expect(preview.diff?.renamed).toEqual([])
    expect(preview.warnings.join('\n')).toMatch(/1 rule\(s\) are removed/)
    // Nothing installed before the analyst confirms.
    expect((await service.packs())[0]?.versions).toHaveLength(1)

    const outcome = service.confirmImport(preview.token)
    expect(outcome.previousId).toBe('1.0.0-1')
    expect(outcome.active).toMatchObject({ installId: '1.1.0-2', signature: 'own' })
    expect(outcome.retroHuntRules.map((r) => r.name)).toEqual([ADDED_RULE, LOGIC_CHANGED_RULE])

    const [pack] = await service.packs()
    expect(pack?.active?.version).toBe('1.1.0')
    expect(pack?.versions.map((v) => v.installId)).toEqual(['1.1.0-2', '1.0.0-1'])
    expect(pack?.active?.signer?.org).toBe('Publisher CERT')
    const rules = await service.rules('harbour-rules')
    expect(rules.map((r) => r.name)).toContain(ADDED_RULE)
    expect(rules.find((r) => r.name === ADDED_RULE)).toMatchObject({
      id: 'OUTPOST-2026-9001',
      score: 45,
      status: 'active',
      tags: ['test'],
      file: 'rules/update-marker.yar',
    })

    const rolledBack = service.activate('harbour-rules', '1.0.0-1')
    expect(rolledBack.active?.version).toBe('1.0.0')
    expect((await service.rules('harbour-rules')).map((r) => r.name)).not.toContain(ADDED_RULE)
    expect(service.activate('harbour-rules', '1.1.0-2').active?.version).toBe('1.1.0')
    expect((await failure(() => service.activate('harbour-rules', '9.9.9-9'))).code).toBe(
      'NOT_FOUND',
    )
  }, 120_000)

  it('discards a pending import; a newer import replaces the pending one', async () => {
    const publisher = workbench('Publisher CERT')
    const service = rulesService(publisher.dataDir)
    const first = await service.prepareImport(signedPack(publisher, '1.0.0', 1))
    const second = await service.prepareImport(signedPack(publisher, '1.0.1', 2))
    expect((await failure(() => service.confirmImport(first.token))).message).toMatch(
      /no longer pending/,
    )
    service.discardImport(second.token)
    expect((await failure(() => service.confirmImport(second.token))).code).toBe('NOT_FOUND')
    expect((await service.packs()).map((p) => p.name)).toEqual(['outpost-default'])
  }, 120_000)

  it('refuses an unknown key with its id and where to trust it, then accepts it once trusted', async () => {
    const publisher = workbench('Elsewhere CERT')
    const analyst = workbench('Analyst CERT')
    const service = rulesService(analyst.dataDir)
    const pack = signedPack(publisher, '1.0.0', 1)
    const refused = await failure(() => service.prepareImport(pack))
    expect(refused.code).toBe('BUNDLE_UNTRUSTED')
    expect(refused.message).toContain(publisher.signer.keyId)
    expect(refused.message).toMatch(/Share › Trust a partner key/)

    TrustStore.forDataDir(analyst.dataDir).add({
      publicKeyText: publisher.signer.publicKeyText,
      org: 'Elsewhere CERT',
      addedBy: 'ana',
    })
    const preview = await service.prepareImport(pack)
    expect(preview.signature).toBe('trusted')
    expect(preview.signer).toMatchObject({ keyId: publisher.signer.keyId, org: 'Elsewhere CERT' })
    service.confirmImport(preview.token)
    expect((await service.packs())[0]?.active).toMatchObject({
      signature: 'trusted',
      signer: { org: 'Elsewhere CERT' },
    })
  }, 120_000)

  it('refuses a replay of an older or the same sequence', async () => {
    const publisher = workbench('Publisher CERT')
    const service = rulesService(publisher.dataDir)
    const preview = await service.prepareImport(signedPack(publisher, '2.0.0', 5))
    service.confirmImport(preview.token)
    for (const [version, sequence] of [
      ['1.9.0', 4],
      ['2.0.0', 5],
    ] as const) {
      const replay = await failure(() =>
        service.prepareImport(signedPack(publisher, version, sequence)),
      )
      expect(replay.code).toBe('RULES_INVALID')
      expect(replay.message).toMatch(/never goes back/)
    }
    expect((await service.packs())[0]?.versions.map((v) => v.version)).toEqual(['2.0.0'])
  }, 120_000)

  it('imports a plain rule folder as an unsigned local pack, dropping what does not compile', async () => {
    const service = rulesService(tempDir('outpost-data-'))
    const folder = join(tempDir(), 'Public Set')
    mkdirSync(folder)
    writeFileSync(
      join(folder, 'good.yar'),
      'rule Good_Marker { strings: $a = "good-marker" condition: $a }',
    )
    writeFileSync(join(folder, 'bad.yar'), 'rule Broken_Reference { condition: $missing }')
    const refused = await failure(() => service.prepareImport(folder))
    expect(refused.code).toBe('RULES_INVALID')
    expect(refused.message).toMatch(/Fix them, or tick “Drop invalid rules”/)

    const preview = await service.prepareImport(folder, true)
    expect(preview).toMatchObject({
      kind: 'local',
      name: 'public-set',
      version: 'local',
      sequence: null,
      signature: 'unsigned',
      signer: null,
      ruleCount: 1,
      diff: null,
    })
    expect(preview.dropped.map((d) => d.file)).toEqual(['bad.yar'])
    expect(preview.warnings.join('\n')).toMatch(/Unsigned/)
    const outcome = service.confirmImport(preview.token)
    expect(outcome.active).toMatchObject({
      installId: 'local-1',
      signature: 'unsigned',
      source: folder,
      droppedCount: 1,
    })
    const listed = (await service.packs()).find((p) => p.name === 'public-set')
    expect(listed?.active?.signature).toBe('unsigned')
    expect((await service.rules('public-set')).map((r) => r.name)).toEqual(['Good_Marker'])
  }, 120_000)

  it('says what is wrong with a path that is no pack', async () => {
    const service = rulesService(tempDir('outpost-data-'))
    const missing = await failure(() => service.prepareImport('/nonexistent/pack'))
    expect(missing.code).toBe('PATH_NOT_FOUND')
    expect((await failure(() => service.prepareImport('relative/pack'))).code).toBe('INVALID_INPUT')
    const empty = join(tempDir(), 'empty')
    mkdirSync(empty)
    expect((await failure(() => service.prepareImport(empty))).code).toBe('RULES_NOT_FOUND')
    expect((await failure(() => service.rules('no-such-pack'))).code).toBe('NOT_FOUND')
  })
})
