import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appHarness } from '../helpers/app-harness'
import type { AppHarness } from '../helpers/app-harness'
import { tempDir } from '../helpers/temp-dir'

let harness: AppHarness | null = null
afterEach(async () => {
  await harness?.services.shutdown()
  harness = null
})

// Assembled at run time: the EICAR test string, which the default pack detects.
const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('')

describe('the findings table channels over IPC', () => {
  it('refuses malformed filters with INVALID_INPUT', async () => {
    harness = appHarness()
    const h = harness
    await h.call('case:create', { name: 'Table', examiner: 'ana' })
    const bad: [string, unknown][] = [
      ['findings:list', { sort: 'r.name; DROP TABLE findings' }],
      ['findings:list', { ruleIds: ['1 OR 1=1'] }],
      ['findings:list', { tlp: ['purple'] }],
      ['findings:list', { maxScore: 101 }],
      ['findings:list', { triage: ['maybe'] }],
      ['findings:list', { evidenceIds: [0] }],
      ['findings:list', { limit: 1001 }],
      ['findings:list', { tags: [''] }],
      ['findings:list', { unknownFilter: true }],
      ['findings:facets', { offset: 0 }],
      ['findings:groups', { by: 'evidence' }],
      ['findings:groups', { by: 'rule', sort: 'score' }],
      ['findings:ids', { limit: 5 }],
      ['findings:ids', { fileId: -1 }],
    ]
    for (const [channel, input] of bad)
      expect(await h.raw(channel, input), `${channel} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
  })

  it('lists, facets, groups and selects the findings of a real scan', async () => {
    harness = appHarness()
    const h = harness
    await h.call('case:create', { name: 'Table', examiner: 'ana' })
    expect(await h.call('findings:facets', {})).toMatchObject({ rules: [], packs: [] })
    const root = join(tempDir(), 'evidence')
    mkdirSync(join(root, 'a'), { recursive: true })
    writeFileSync(join(root, 'a', 'eicar.com'), EICAR)
    writeFileSync(join(root, 'eicar-copy.com'), EICAR)
    writeFileSync(join(root, 'readme.txt'), 'nothing here')
    const evidence = await h.call('evidence:add', { path: root })
    await h.call('scan:start', { evidenceIds: [evidence.id] })
    await h.waitFor('scan:finished')

    const all = await h.call('findings:list', { sort: 'path', direction: 'asc' })
    expect(all.rows.map((r) => r.path)).toEqual(['a/eicar.com', 'eicar-copy.com'])
    expect(all.rows[0]!.tags).toEqual([])
    const inA = await h.call('findings:list', { pathPrefix: 'a/', evidenceIds: [evidence.id] })
    expect(inA.rows.map((r) => r.path)).toEqual(['a/eicar.com'])
    expect((await h.call('findings:list', { tlp: ['red'] })).total).toBe(0)
    expect((await h.call('findings:list', { tlp: ['default'], allScans: true })).total).toBe(2)

    const facets = await h.call('findings:facets', {})
    expect(facets.packs).toEqual([{ value: 'outpost-default', count: 2 }])
    expect(facets.evidence).toEqual([{ id: evidence.id, label: evidence.label, count: 2 }])
    expect(facets.triage).toEqual([{ value: 'new', count: 2 }])
    const rule = facets.rules[0]!
    expect(rule.count).toBe(2)

    const groups = await h.call('findings:groups', { by: 'rule' })
    expect(groups).toMatchObject({ total: 1, groups: [{ ruleId: rule.id, count: 2 }] })
    const files = await h.call('findings:groups', { by: 'file', sort: 'label', direction: 'asc' })
    expect(files.groups.map((g) => g.label)).toEqual(['a/eicar.com', 'eicar-copy.com'])
    const ids = await h.call('findings:ids', { ruleIds: [rule.id] })
    expect(ids).toEqual({
      total: 2,
      ids: all.rows.map((r) => r.id).sort((a, b) => a - b),
      truncated: false,
    })
  }, 120_000)
})
