import { afterEach, describe, expect, it } from 'vitest'
import { appHarness } from '../helpers/app-harness'
import type { AppHarness } from '../helpers/app-harness'
import { ADDED_RULE, signedPackUpdate } from '../helpers/pack-update'
import { workbench } from '../helpers/shared-case'
import { signedPack } from '../helpers/signed-pack'

let harness: AppHarness | null = null
afterEach(async () => {
  await harness?.services.shutdown()
  harness = null
})

describe('the rules:* channels over the real services', () => {
  it('imports a trusted pack and its update, activates, rolls back, lists rules', async () => {
    const publisher = workbench('Harbour CSIRT')
    const v1 = signedPack(publisher, '1.0.0', 1)
    harness = appHarness([v1])
    const store = await harness.call('rules:store')
    expect(store.map((p) => [p.name, p.active?.signature])).toEqual([
      ['outpost-default', 'bundled'],
    ])

    const picked = await harness.call('dialog:pickRulePack', { kind: 'folder' })
    expect(picked).toBe(v1)
    const untrusted = await harness.raw('rules:prepareImport', { path: v1 })
    expect(untrusted.ok ? null : untrusted.error.code).toBe('BUNDLE_UNTRUSTED')
    expect(untrusted.ok ? '' : untrusted.error.message).toContain(publisher.signer.keyId)

    await harness.call('keys:trust', {
      publicKeyText: publisher.signer.publicKeyText,
      org: 'Harbour CSIRT',
    })
    const first = await harness.call('rules:prepareImport', { path: v1 })
    expect(first).toMatchObject({ version: '1.0.0', signature: 'trusted', diff: null })
    await harness.call('rules:confirmImport', { token: first.token })

    const update = await harness.call('rules:prepareImport', {
      path: await signedPackUpdate(publisher, '1.1.0', 2),
    })
    expect(update.diff?.added.map((r) => r.name)).toEqual([ADDED_RULE])
    const replayed = await harness.raw('rules:confirmImport', { token: first.token })
    expect(replayed.ok ? null : replayed.error.code).toBe('NOT_FOUND')
    const outcome = await harness.call('rules:confirmImport', { token: update.token })
    expect(outcome).toMatchObject({ previousId: '1.0.0-1', active: { installId: '1.1.0-2' } })

    const [pack] = await harness.call('rules:store')
    expect(pack).toMatchObject({
      name: 'harbour-rules',
      active: { version: '1.1.0', signature: 'trusted', signer: { org: 'Harbour CSIRT' } },
    })
    expect(pack?.versions.map((v) => v.version)).toEqual(['1.1.0', '1.0.0'])
    const rules = await harness.call('rules:rules', { name: 'harbour-rules' })
    expect(rules.some((r) => r.name === ADDED_RULE)).toBe(true)

    const rolledBack = await harness.call('rules:activate', {
      name: 'harbour-rules',
      id: '1.0.0-1',
    })
    expect(rolledBack.active?.version).toBe('1.0.0')
    const after = await harness.call('rules:rules', { name: 'harbour-rules' })
    expect(after.some((r) => r.name === ADDED_RULE)).toBe(false)
  }, 120_000)

  it('refuses malformed input before any handler runs', async () => {
    harness = appHarness()
    const cases: [string, unknown][] = [
      ['rules:prepareImport', { path: 'relative/pack' }],
      ['rules:confirmImport', { token: 'not-a-uuid' }],
      ['rules:activate', { name: '../escape', id: '1.0.0-1' }],
      ['rules:activate', { name: 'pack', id: '../../etc' }],
      ['rules:rules', { name: 'Pack With Spaces' }],
      ['dialog:pickRulePack', { kind: 'device' }],
      ['rules:retroHunt', { name: 'pack', previousId: '1.0.0-1' }],
    ]
    for (const [channel, input] of cases) {
      const result = await harness.raw(channel, input)
      expect(result.ok ? null : result.error.code, channel).toBe('INVALID_INPUT')
    }
    const discard = await harness.raw('rules:discardImport', {
      token: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    })
    expect(discard.ok ? null : discard.error.code).toBe('NOT_FOUND')
  })
})
