import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TaskProgress } from '../../main/core/model/tasks'
import { appHarness } from '../helpers/app-harness'
import type { AppHarness } from '../helpers/app-harness'
import { tempDir } from '../helpers/temp-dir'

let harness: AppHarness | null = null
afterEach(async () => {
  await harness?.services.shutdown()
  harness = null
})

const RULE = 'rule Marker { strings: $m = "outpost-task-marker" condition: $m }'

async function caseWithFile(h: AppHarness): Promise<number> {
  const root = join(tempDir(), 'evidence')
  mkdirSync(join(root, 'docs'), { recursive: true })
  writeFileSync(join(root, 'docs/marked.bin'), 'xx outpost-task-marker xx')
  await h.call('case:create', { name: 'Tasks', examiner: 'ana' })
  const evidence = await h.call('evidence:add', { path: root })
  // A folder's files are recorded by its first scan.
  const scan = await h.call('rules:testOnEvidence', { source: RULE, evidenceId: evidence.id })
  await h.waitFor('scan:finished', (s) => s.id === scan.id)
  const files = await h.call('evidence:files', { evidenceId: evidence.id, parent: 'docs' })
  const file = files.rows.find((r) => r.name === 'marked.bin')
  if (file === undefined) throw new Error('the planted file is not listed')
  return file.fileId
}

function progressOf(h: AppHarness, taskId: string): TaskProgress[] {
  return h.events
    .filter((e) => e.event === 'task:progress')
    .map((e) => e.payload as TaskProgress)
    .filter((p) => p.taskId === taskId)
}

describe('background task channels', () => {
  it('refuses a task id that is not a UUID, and treats cancelling an unknown task as a no-op', async () => {
    harness = appHarness()
    const bad = await harness.raw('task:cancel', { taskId: 'export-1' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await harness.call('task:cancel', { taskId: crypto.randomUUID() })).toBeNull()
    const badExport = await harness.raw('share:export', {
      folder: tempDir(),
      tlp: 'amber',
      taskId: 'not-a-uuid',
    })
    expect(badExport).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const badVerify = await harness.raw('share:verify', { path: '/tmp/x.zip', taskId: 42 })
    expect(badVerify).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('runs "Test on file" in a scan process: compiling, then scanning, ending at done = total', async () => {
    harness = appHarness()
    const fileId = await caseWithFile(harness)
    const taskId = crypto.randomUUID()
    const result = await harness.call('rules:testOnFile', { source: RULE, fileId, taskId })

    expect(result.rules).toEqual(['Marker'])
    const phases = progressOf(harness, taskId).map((p) => p.phase)
    expect(phases[0]).toBe('compiling')
    expect(phases.at(-1)).toBe('scanning')
    expect(progressOf(harness, taskId).every((p) => p.kind === 'rule-test')).toBe(true)
    const last = progressOf(harness, taskId).at(-1)
    expect(last?.done).toBe(last?.total)
  })

  it('cancels "Test on file": CANCELLED, and its work folder is gone', async () => {
    harness = appHarness()
    const h = harness
    const fileId = await caseWithFile(h)
    const taskId = crypto.randomUUID()
    const running = h.raw('rules:testOnFile', { source: RULE, fileId, taskId })
    await h.waitFor('task:progress', (p) => p.taskId === taskId)
    expect(await h.call('task:cancel', { taskId })).toBeNull()

    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    const trials = join(h.dataDir, 'editor-tests', 'trials')
    expect(existsSync(trials) ? readdirSync(trials) : []).toEqual([])
  })
})
