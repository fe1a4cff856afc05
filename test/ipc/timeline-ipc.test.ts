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

function evidenceFolder(): string {
  const root = join(tempDir(), 'evidence')
  mkdirSync(root, { recursive: true })
  // Assembled at run time: the EICAR test string, which the default pack detects.
  const eicar = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join(
    '',
  )
  writeFileSync(join(root, 'eicar.com'), eicar)
  writeFileSync(join(root, 'notes.txt'), 'nothing to see')
  return root
}

describe('timeline:events over IPC', () => {
  it('needs a case, checks its input, and lists the hit and its neighbour after a scan', async () => {
    harness = appHarness()
    const h = harness
    expect(await h.raw('timeline:events', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_CASE_OPEN' },
    })
    await h.call('case:create', { name: 'Timeline', examiner: 'ana' })
    expect(await h.call('timeline:events', {})).toEqual({ events: [], total: 0, range: null })
    expect(await h.raw('timeline:events', { from: 'yesterday' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await h.raw('timeline:events', { limit: 5001 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })

    const evidence = await h.call('evidence:add', { path: evidenceFolder() })
    await h.call('scan:start', { evidenceIds: [evidence.id] })
    await h.waitFor('scan:finished')

    const page = await h.call('timeline:events', { includeNeighbours: true })
    const hits = page.events.filter((e) => e.hasFinding)
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.every((e) => e.path.endsWith('eicar.com') && e.maxScore !== null)).toBe(true)
    expect(hits.map((e) => e.kind)).toContain('modified')
    expect(page.range).not.toBeNull()
    const neighbours = page.events.filter((e) => !e.hasFinding)
    expect(neighbours.every((e) => e.path.endsWith('notes.txt'))).toBe(true)
    expect(page.total).toBe(page.events.length)
    const onlyHits = await h.call('timeline:events', { includeNeighbours: false })
    expect(onlyHits.events).toEqual(hits)
  })
})
