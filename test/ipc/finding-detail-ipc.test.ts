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

describe('files:read and findings:related over IPC', () => {
  it('needs a case, refuses bad ranges, and reads the matched bytes of a scanned file', async () => {
    harness = appHarness()
    const h = harness
    expect(await h.raw('files:read', { fileId: 1, offset: 0, length: 16 })).toMatchObject({
      ok: false,
      error: { code: 'NO_CASE_OPEN' },
    })
    await h.call('case:create', { name: 'Detail', examiner: 'ana' })
    for (const bad of [
      { fileId: 1, offset: 0, length: 0 },
      { fileId: 1, offset: 0, length: 65_537 },
      { fileId: 1, offset: -1, length: 16 },
      { fileId: 1, offset: 1.5, length: 16 },
      { fileId: 0, offset: 0, length: 16 },
      { fileId: 1, offset: 0, length: 16, path: '/etc/passwd' },
      { fileId: '1', offset: 0, length: 16 },
    ])
      expect(await h.raw('files:read', bad), JSON.stringify(bad)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    expect(await h.raw('findings:related', { findingId: -3 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })

    const root = join(tempDir(), 'evidence')
    mkdirSync(join(root, 'copy'), { recursive: true })
    writeFileSync(join(root, 'eicar.com'), EICAR)
    writeFileSync(join(root, 'copy', 'eicar.com'), EICAR)
    const evidence = await h.call('evidence:add', { path: root })
    await h.call('scan:start', { evidenceIds: [evidence.id] })
    await h.waitFor('scan:finished')
    const page = await h.call('findings:list', {})
    const row = page.rows.find((r) => r.path === 'eicar.com')!
    const detail = await h.call('findings:get', { findingId: row.id })
    const match = detail.matches[0]!
    const bytes = await h.call('files:read', {
      fileId: detail.file.id,
      offset: match.offset,
      length: match.length,
    })
    expect(bytes.sizeBytes).toBe(EICAR.length)
    expect(Buffer.from(bytes.bytesHex, 'hex').toString('latin1')).toBe(
      EICAR.slice(match.offset, match.offset + match.length),
    )
    expect(
      await h.call('files:read', { fileId: detail.file.id, offset: 1 << 30, length: 16 }),
    ).toEqual({ fileId: detail.file.id, offset: 1 << 30, bytesHex: '', sizeBytes: bytes.sizeBytes })
    expect(await h.raw('files:read', { fileId: 99_999, offset: 0, length: 1 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })

    const related = await h.call('findings:related', { findingId: row.id })
    expect(related.sameHash.items.map((f) => f.path)).toEqual(['copy/eicar.com'])
    expect(await h.raw('findings:related', { findingId: 99_999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
