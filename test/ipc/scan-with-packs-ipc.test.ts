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

describe('scan:start with packNames ("Scan this file with…")', () => {
  it('scans one file with the chosen active pack, and refuses an unknown pack', async () => {
    harness = appHarness()
    const h = harness
    await h.call('case:create', { name: 'Scan with', examiner: 'ana' })
    const root = join(tempDir(), 'evidence')
    mkdirSync(root, { recursive: true })
    const eicar = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*']
    writeFileSync(join(root, 'eicar.com'), eicar.join(''))
    const evidence = await h.call('evidence:add', { path: root })
    await h.call('scan:start', { evidenceIds: [evidence.id] })
    await h.waitFor('scan:finished')
    const files = await h.call('evidence:files', { evidenceId: evidence.id, parent: '' })
    const file = files.rows.find((r) => r.name === 'eicar.com')
    expect(file).toBeDefined()
    const packs = (await h.call('rules:store')).filter((p) => p.active !== null)
    expect(packs.length).toBeGreaterThan(0)
    const name = packs[0]?.name ?? ''

    expect(
      await h.raw('scan:start', {
        evidenceIds: [evidence.id],
        fileIds: [file?.fileId ?? 0],
        packNames: ['no-such-pack'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    const scan = await h.call('scan:start', {
      evidenceIds: [evidence.id],
      fileIds: [file?.fileId ?? 0],
      packNames: [name],
    })
    await h.waitFor('scan:finished', (done) => done.id === scan.id)
    const found = await h.call('findings:list', { scanId: scan.id })
    expect(found.total).toBeGreaterThan(0)
    expect(found.rows.every((r) => r.packName === name && r.path.endsWith('eicar.com'))).toBe(true)
  })
})
