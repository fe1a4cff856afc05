import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseSuppressionsFile } from '../../main/core/rules/suppressions-file'
import { appHarness } from '../helpers/app-harness'
import type { AppHarness } from '../helpers/app-harness'
import { tempDir } from '../helpers/temp-dir'

let harness: AppHarness | null = null
afterEach(async () => {
  await harness?.services.shutdown()
  harness = null
})

function evidenceFolder(): string {
  const root = join(tempDir(), 'evidence')
  mkdirSync(root, { recursive: true })
  // Assembled at run time: the EICAR test string, which the default pack detects.
  const eicar = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join(
    '',
  )
  writeFileSync(join(root, 'eicar.com'), eicar)
  return root
}

async function scanned(h: AppHarness, evidenceId: number) {
  const started = await h.call('scan:start', { evidenceIds: [evidenceId] })
  await h.waitFor('scan:finished')
  return h.call('findings:list', { scanId: started.id })
}

describe('rule states and suppressions over IPC', () => {
  it('suppresses a finding, lists and exports it, disables its rule, removes it', async () => {
    harness = appHarness()
    const h = harness
    await h.call('case:create', { name: 'Lifecycle', examiner: 'ana' })
    const evidence = await h.call('evidence:add', { path: evidenceFolder() })
    const first = await scanned(h, evidence.id)
    expect(first.total).toBe(1)
    const finding = first.rows[0]!
    expect(finding).toMatchObject({ ruleState: null, suppression: null, superseded: null })

    const added = await h.call('suppressions:add', { findingId: finding.id, reason: 'test file' })
    expect(added).toMatchObject({ origin: 'case', createdBy: 'ana', findings: 1 })
    expect(await h.call('suppressions:list')).toEqual([added])
    const detail = await h.call('findings:get', { findingId: finding.id })
    expect(detail.finding).toMatchObject({
      triageStatus: 'false-positive',
      suppression: { id: added.id, reason: 'test file', by: 'ana' },
    })
    const hidden = await h.call('findings:list', { hideSuppressed: true })
    expect(hidden.total).toBe(0)

    expect(
      await h.raw('suppressions:export', { path: join(evidence.sourcePath, 'suppressions.json') }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const out = join(tempDir(), 'suppressions.json')
    expect(await h.call('suppressions:export', { path: out })).toEqual({ path: out, count: 1 })
    expect(parseSuppressionsFile(readFileSync(out))).toEqual([
      { ruleKey: added.ruleKey, sha256: added.sha256, reason: 'test file' },
    ])

    const state = await h.call('rules:setState', {
      ruleKey: added.ruleKey,
      namespace: finding.ruleNamespace,
      name: finding.ruleName,
      state: 'disabled',
      reason: 'not wanted here',
    })
    expect(state).toMatchObject({ state: 'disabled', setBy: 'ana' })
    expect(await h.call('rules:states')).toEqual([state])
    expect((await scanned(h, evidence.id)).total).toBe(0)

    expect(await h.call('suppressions:remove', { id: added.id })).toMatchObject({ id: added.id })
    expect(await h.call('suppressions:list')).toEqual([])
    const audit = await h.call('audit:verify')
    expect(audit.ok).toBe(true)
  }, 120_000)

  it('refuses bad input with INVALID_INPUT and unknown ids with NOT_FOUND', async () => {
    harness = appHarness()
    const h = harness
    expect(await h.raw('suppressions:list')).toMatchObject({
      ok: false,
      error: { code: 'NO_CASE_OPEN' },
    })
    await h.call('case:create', { name: 'Lifecycle', examiner: 'ana' })
    const bad = [
      h.raw('suppressions:add', { findingId: 1, reason: '' }),
      h.raw('suppressions:add', { findingId: 1, reason: 'x'.repeat(2001) }),
      h.raw('rules:setState', { ruleKey: 'id:X', namespace: 'n', name: 'r', state: 'off' }),
      h.raw('rules:setState', { ruleKey: 'X-1', namespace: 'n', name: 'r', state: 'testing' }),
      h.raw('suppressions:export', { path: 'relative.json' }),
    ]
    for (const result of await Promise.all(bad)) {
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(await h.raw('suppressions:add', { findingId: 42, reason: 'r' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await h.raw('suppressions:remove', { id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await h.call('rules:states')).toEqual([])
  })
})
