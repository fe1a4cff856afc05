import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { closeCase } from '../../main/core/case/case-file'
import { appHarness } from '../helpers/app-harness'
import type { AppHarness } from '../helpers/app-harness'
import { caseWithFindings } from '../core/triage/triage-fixture'

let harness: AppHarness | null = null
afterEach(async () => {
  await harness?.services.shutdown()
  harness = null
})

/** The harness with a closed 20-finding case open. */
async function openTriageCase(): Promise<{ h: AppHarness; path: string }> {
  const handle = caseWithFindings(20)
  const path = handle.info.path
  closeCase(handle)
  harness = appHarness()
  await harness.call('case:open', { path })
  return { h: harness, path }
}

function auditOf(path: string, action: string) {
  const db = new Database(path, { readonly: true })
  try {
    const rows = db
      .prepare('SELECT actor, subject, details_json FROM audit_log WHERE action = ? ORDER BY seq')
      .all(action) as { actor: string; subject: string; details_json: string }[]
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details_json) as unknown }))
  } finally {
    db.close()
  }
}

describe('triage over IPC', () => {
  it('sets triage status, tags and TLP, lists tags, and signs each call once', async () => {
    const { h, path } = await openTriageCase()
    expect(await h.call('tags:list')).toEqual([])
    expect(
      await h.call('findings:setTriage', { findingIds: [1, 2, 3, 10], status: 'confirmed' }),
    ).toEqual({ changed: 4 })
    expect(
      await h.call('findings:setTriage', { findingIds: [1, 2, 4], status: 'confirmed' }),
    ).toEqual({ changed: 1 })
    expect(
      await h.call('findings:setTags', { findingIds: [1, 2], add: ['Initial Access', 'apt-x'] }),
    ).toEqual({ changed: 2 })
    expect(
      await h.call('findings:setTags', { findingIds: [2, 3], add: ['apt-x'], remove: ['apt-y'] }),
    ).toEqual({ changed: 1 })
    expect(await h.call('tags:list')).toEqual([
      { tag: 'apt-x', count: 3 },
      { tag: 'initial-access', count: 2 },
    ])
    expect(await h.call('findings:setTlp', { findingIds: [5, 6], tlp: 'red' })).toEqual({
      changed: 2,
    })
    expect((await h.call('audit:verify')).ok).toBe(true)
    await h.call('case:close')

    const triage = auditOf(path, 'finding.triage')
    expect(triage).toHaveLength(2)
    expect(triage[0]).toMatchObject({
      actor: 'ana',
      subject: '4 findings',
      details: { status: 'confirmed', from: { new: 4 }, findings: '1-3,10', count: 4 },
    })
    expect(triage[1]?.details).toMatchObject({ findings: '4', count: 1 })
    expect(auditOf(path, 'finding.tags')).toHaveLength(2)
    expect(auditOf(path, 'finding.tlp-set')[0]?.details).toMatchObject({
      tlp: 'red',
      findings: '5-6',
    })
  })

  it('refuses bad input with INVALID_INPUT and unknown findings with NOT_FOUND', async () => {
    harness = appHarness()
    expect(await harness.raw('tags:list')).toMatchObject({
      ok: false,
      error: { code: 'NO_CASE_OPEN' },
    })
    await harness.services.shutdown()
    const { h } = await openTriageCase()
    const bad = [
      h.raw('findings:setTriage', { findingIds: [], status: 'confirmed' }),
      h.raw('findings:setTriage', { findingIds: [1], status: 'done' }),
      h.raw('findings:setTriage', { findingIds: [0], status: 'benign' }),
      h.raw('findings:setTags', { findingIds: [1], add: [], remove: [] }),
      h.raw('findings:setTags', { findingIds: [1], add: ['<script>'] }),
      h.raw('findings:setTags', { findingIds: [1], add: ['x'.repeat(65)] }),
      h.raw('findings:setTags', { findingIds: [1], add: Array.from({ length: 21 }, String) }),
    ]
    for (const result of await Promise.all(bad)) {
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(
      await h.raw('findings:setTriage', { findingIds: [1, 99], status: 'benign' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: /no finding 99/ } })
    expect(await h.raw('findings:setTags', { findingIds: [99], add: ['x'] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await h.call('tags:list')).toEqual([])
  })
})
