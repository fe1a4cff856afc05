import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { INVOKE_CHANNELS } from '../../main/ipc/channels'
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
  mkdirSync(join(root, 'docs'), { recursive: true })
  // Assembled at run time: the EICAR test string, which the default pack detects at offset 0.
  const eicar = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join(
    '',
  )
  writeFileSync(join(root, 'docs/eicar.com'), eicar)
  writeFileSync(join(root, 'docs/readme.txt'), 'nothing to see')
  return root
}

describe('the IPC handler table over the real services', () => {
  it('has a handler for every channel', () => {
    harness = appHarness()
    expect(Object.keys(harness.services.handlers).sort()).toEqual([...INVOKE_CHANNELS].sort())
  })

  it('runs the whole path: case → evidence → scan → findings → detail → coverage → audit', async () => {
    harness = appHarness()
    const info = await harness.call('case:create', { name: 'Op Test', examiner: 'ana' })
    expect(info.path).toMatch(/op-test-\d{8}-\d{6}\.outpost$/)
    const evidence = await harness.call('evidence:add', { path: evidenceFolder() })
    const started = await harness.call('scan:start', { evidenceIds: [evidence.id] })
    expect(started.status).toBe('running')
    const finished = await harness.waitFor('scan:finished')
    expect(finished).toMatchObject({
      id: started.id,
      status: 'completed',
      filesScanned: 2,
      findingCount: 1,
    })
    expect(harness.events.some((e) => e.event === 'scan:progress')).toBe(true)
    const page = await harness.call('findings:list', {})
    expect(page.total).toBe(1)
    expect(page.rows[0]).toMatchObject({ path: 'docs/eicar.com', packName: 'outpost-default' })
    const detail = await harness.call('findings:get', { findingId: page.rows[0]!.id })
    expect(detail.matches[0]?.offset).toBe(0)
    expect(detail.file.sha256).toMatch(/^[0-9a-f]{64}$/)
    const coverage = await harness.call('coverage:list', {})
    expect(coverage.total).toBe(0)
    const audit = await harness.call('audit:verify')
    expect(audit.ok).toBe(true)
    expect(audit.entries).toBeGreaterThanOrEqual(4)
    const listed = await harness.call('evidence:list')
    expect(listed[0]?.manifestSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(await harness.call('scan:active')).toBeNull()
  })

  it('reopens a case from the recent list', async () => {
    harness = appHarness()
    const info = await harness.call('case:create', { name: 'Recent', examiner: 'ana' })
    await harness.call('case:close')
    expect(await harness.call('case:current')).toBeNull()
    const recent = await harness.call('case:recent')
    expect(recent[0]?.path).toBe(info.path)
    const reopened = await harness.call('case:open', { path: info.path })
    expect(reopened.uuid).toBe(info.uuid)
  })

  it('answers invalid input with INVALID_INPUT, naming the field', async () => {
    harness = appHarness()
    const result = await harness.raw('case:create', { name: '', examiner: 'ana' })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(!result.ok && result.error.message).toMatch(/at name/)
    expect(await harness.raw('case:open', { path: 'x', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await harness.raw('nope:nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('answers NO_CASE_OPEN before a case is open, and PATH_NOT_FOUND for missing evidence', async () => {
    harness = appHarness()
    expect(await harness.raw('evidence:list')).toMatchObject({
      ok: false,
      error: { code: 'NO_CASE_OPEN' },
    })
    await harness.call('case:create', { name: 'C', examiner: 'ana' })
    expect(await harness.raw('evidence:add', { path: '/definitely/not/here' })).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_FOUND' },
    })
  })

  it('refuses evidence that contains the case file', async () => {
    harness = appHarness()
    const dir = tempDir()
    await harness.call('case:create', {
      name: 'C',
      examiner: 'ana',
      path: join(dir, 'inside.outpost'),
    })
    expect(await harness.raw('evidence:add', { path: dir })).toMatchObject({
      ok: false,
      error: { code: 'CASE_INSIDE_EVIDENCE' },
    })
  })

  it('cancels a running scan', async () => {
    harness = appHarness()
    await harness.call('case:create', { name: 'C', examiner: 'ana' })
    const root = join(tempDir(), 'many')
    mkdirSync(root)
    for (let i = 0; i < 2000; i += 1) writeFileSync(join(root, `f${i}.txt`), `file ${i}`)
    const evidence = await harness.call('evidence:add', { path: root })
    const started = await harness.call('scan:start', { evidenceIds: [evidence.id] })
    await harness.waitFor('scan:progress', (p) => p.filesDone > 0)
    await harness.call('scan:cancel', { scanId: started.id })
    const finished = await harness.waitFor('scan:finished')
    expect(finished.status).toBe('cancelled')
    expect(finished.filesScanned).toBeLessThan(2000)
    expect(await harness.raw('scan:cancel', { scanId: started.id })).toMatchObject({
      ok: false,
      error: { code: 'SCAN_NOT_RUNNING' },
    })
  })

  it('hides unexpected errors behind INTERNAL', async () => {
    harness = appHarness()
    const table = {
      ...harness.services.handlers,
      'case:current': () => {
        throw new Error('secret detail')
      },
    }
    const { dispatch } = await import('../../main/ipc/dispatch')
    const result = await dispatch(table, 'case:current', undefined, () => undefined)
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'An internal error occurred; it has been logged.' },
    })
  })
})
