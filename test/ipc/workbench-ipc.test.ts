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

function eicarFolder(): string {
  const root = join(tempDir(), 'evidence')
  mkdirSync(root, { recursive: true })
  // Assembled at run time: the EICAR test string, which the default pack detects.
  const eicar = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join(
    '',
  )
  writeFileSync(join(root, 'eicar.com'), eicar)
  writeFileSync(join(root, 'clean.txt'), 'nothing to see')
  return root
}

describe('workbench channels over IPC', () => {
  it('answers the case overview of a scanned case', async () => {
    harness = appHarness()
    const h = harness
    await h.call('case:create', { name: 'Home', examiner: 'ana' })
    expect((await h.call('case:overview')).findings.total).toBe(0)
    const evidence = await h.call('evidence:add', { path: eicarFolder() })
    const scan = await h.call('scan:start', { evidenceIds: [evidence.id] })
    await h.waitFor('scan:finished')

    const overview = await h.call('case:overview')

    expect(overview.evidence.map((e) => e.label)).toEqual([evidence.label])
    expect(overview.scans.map((s) => [s.id, s.status, s.filesScanned, s.findingCount])).toEqual([
      [scan.id, 'completed', 2, 1],
    ])
    expect(overview.scans[0]?.packs.length).toBeGreaterThan(0)
    expect(overview.findings.total).toBe(1)
    expect(overview.findings.topRules.map((r) => r.count)).toEqual([1])
    expect(overview.findings.triage.new).toBe(1)
  })

  it('changes the examiner with an audit entry and records later changes under the new name', async () => {
    harness = appHarness()
    const h = harness
    const created = await h.call('case:create', { name: 'Handover', examiner: 'ana' })

    const changed = await h.call('case:setExaminer', { examiner: '  bo  ' })
    await h.call('case:setDefaultTlp', { tlp: 'red' })

    expect(changed.examiner).toBe('bo')
    expect((await h.call('case:current'))?.examiner).toBe('bo')
    const page = await h.call('audit:list', { limit: 2 })
    expect(page.entries.map((e) => [e.action, e.actor])).toEqual([
      ['case.tlp-set', 'bo'],
      ['case.examiner-changed', 'ana'],
    ])
    expect(page.entries[1]?.details).toEqual({ from: 'ana', to: 'bo' })
    expect(page.entries[1]?.subject).toBe(created.uuid)
    expect(page.entries[0]?.prevHash).toBe(page.entries[1]?.hash)
    expect((await h.call('audit:verify')).ok).toBe(true)
    expect(await h.raw('case:setExaminer', { examiner: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('pages the audit log newest first and filters by action and actor', async () => {
    harness = appHarness()
    const h = harness
    await h.call('case:create', { name: 'Audit', examiner: 'ana' })
    for (const tlp of ['red', 'green', 'amber', 'clear'] as const) {
      await h.call('case:setDefaultTlp', { tlp })
    }
    await h.call('case:setExaminer', { examiner: 'bo' })
    await h.call('case:setDefaultTlp', { tlp: 'red' })

    const all = await h.call('audit:list', {})
    const first = await h.call('audit:list', { offset: 0, limit: 3 })
    const second = await h.call('audit:list', { offset: 3, limit: 3 })
    const byAction = await h.call('audit:list', { action: 'case.tlp-set', limit: 500 })
    const byBoth = await h.call('audit:list', { action: 'case.tlp-set', actor: 'bo' })

    const seqs = all.entries.map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    expect(first.total).toBe(all.total)
    expect([...first.entries, ...second.entries].map((e) => e.seq)).toEqual(seqs.slice(0, 6))
    expect(byAction.total).toBe(5)
    expect(byAction.entries.map((e) => e.details)).toEqual([
      { tlp: 'red' },
      { tlp: 'clear' },
      { tlp: 'amber' },
      { tlp: 'green' },
      { tlp: 'red' },
    ])
    expect(byBoth.entries.map((e) => [e.actor, e.details])).toEqual([['bo', { tlp: 'red' }]])
    expect(await h.raw('audit:list', { limit: 501 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('gets and sets settings, refuses bad input, and starts scans with the preferred limits', async () => {
    harness = appHarness()
    const h = harness
    const set = await h.call('settings:set', {
      examinerName: 'ana',
      theme: 'dark',
      scanLimits: { matchCapPerPattern: 7 },
    })
    expect(set).toMatchObject({ examinerName: 'ana', theme: 'dark' })
    expect(await h.call('settings:get')).toEqual(set)
    for (const bad of [
      { theme: 'neon' },
      { scanLimits: { processes: 65 } },
      JSON.parse('{"__proto__": {"theme": "dark"}}') as unknown,
    ]) {
      expect(await h.raw('settings:set', bad)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }

    await h.call('case:create', { name: 'Limits', examiner: 'ana', defaultTlp: 'green' })
    expect((await h.call('case:current'))?.defaultTlp).toBe('green')
    const evidence = await h.call('evidence:add', { path: eicarFolder() })
    const scan = await h.call('scan:start', { evidenceIds: [evidence.id] })
    await h.waitFor('scan:finished')
    expect(scan.limits.matchCapPerPattern).toBe(7)
  })
})
