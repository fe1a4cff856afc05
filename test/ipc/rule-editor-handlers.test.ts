import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appHarness } from '../helpers/app-harness'
import type { AppHarness } from '../helpers/app-harness'
import { ROOT } from '../helpers/launcher'
import { tempDir } from '../helpers/temp-dir'

let harness: AppHarness | null = null
afterEach(async () => {
  await harness?.services.shutdown()
  harness = null
})

const MARKER = 'outpost-editor-marker'
const RULE = `rule Editor_Marker
{
    meta:
        description = "<img src=x onerror=alert(1)>"
    strings:
        $m = "${MARKER}"
    condition:
        $m
}
`

/** Evidence with the marker planted at offset 100 of one file, and a file without it. */
function evidenceFolder(): string {
  const root = join(tempDir(), 'evidence')
  mkdirSync(join(root, 'docs'), { recursive: true })
  writeFileSync(
    join(root, 'docs/planted.bin'),
    Buffer.concat([Buffer.alloc(100, 0x41), Buffer.from(MARKER), Buffer.alloc(50, 0)]),
  )
  writeFileSync(join(root, 'docs/clean.txt'), 'nothing to see here')
  return root
}

async function openCaseWithEvidence(h: AppHarness): Promise<number> {
  await h.call('case:create', { name: 'Editor', examiner: 'ana' })
  const evidence = await h.call('evidence:add', { path: evidenceFolder() })
  return evidence.id
}

describe('rule editor channels', () => {
  it('validates through IPC and refuses oversized text before the service', async () => {
    harness = appHarness()
    expect(await harness.call('rules:validateSource', { source: RULE })).toEqual([])
    const broken = await harness.call('rules:validateSource', {
      source: 'rule X { condition: $a }',
    })
    expect(broken[0]).toMatchObject({ severity: 'error', line: 1, rule: 'X' })
    const big = await harness.raw('rules:validateSource', { source: 'x'.repeat(1024 * 1024 + 1) })
    expect(big).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('tests on evidence as a recorded scan, then on one file at the right offset', async () => {
    harness = appHarness()
    const evidenceId = await openCaseWithEvidence(harness)
    const started = await harness.call('rules:testOnEvidence', { source: RULE, evidenceId })
    expect(started.status).toBe('running')
    const finished = await harness.waitFor('scan:finished', (s) => s.id === started.id)
    expect(finished).toMatchObject({ status: 'completed', filesScanned: 2, findingCount: 1 })
    const scans = await harness.call('scan:list')
    expect(scans.map((s) => s.id)).toContain(started.id)
    const page = await harness.call('findings:list', { scanId: started.id })
    expect(page.rows.map((r) => [r.ruleName, r.path])).toEqual([
      ['Editor_Marker', 'docs/planted.bin'],
    ])

    const files = await harness.call('evidence:files', { evidenceId, parent: 'docs' })
    const planted = files.rows.find((r) => r.name === 'planted.bin')
    const clean = files.rows.find((r) => r.name === 'clean.txt')
    expect(planted && clean).toBeTruthy()
    const hit = await harness.call('rules:testOnFile', { source: RULE, fileId: planted!.fileId })
    expect(hit).toMatchObject({
      fileId: planted!.fileId,
      path: 'docs/planted.bin',
      sizeBytes: 100 + MARKER.length + 50,
      rules: ['Editor_Marker'],
    })
    expect(hit.matches).toEqual([
      {
        rule: 'Editor_Marker',
        identifier: '$m',
        offset: 100,
        length: MARKER.length,
        excerptHex: Buffer.from(MARKER).toString('hex'),
        excerptAscii: MARKER,
      },
    ])
    const miss = await harness.call('rules:testOnFile', { source: RULE, fileId: clean!.fileId })
    expect(miss.matches).toEqual([])
    expect(miss.rules).toEqual([])
  })

  it('tests on a file inside a disk image (E01), at the offset the scanner reports', async () => {
    harness = appHarness()
    await harness.call('case:create', { name: 'Image', examiner: 'ana' })
    const image = join(tempDir(), 'acquisition.bin')
    copyFileSync(join(ROOT, 'test/fixtures/images/scan/marker-disk.E01'), image)
    const evidence = await harness.call('evidence:add', { path: image })
    await harness.waitFor(
      'evidence:progress',
      (p) => p.evidenceId === evidence.id && p.phase === 'done',
    )
    const layout = await harness.call('evidence:layout', { evidenceId: evidence.id })
    const fat = layout.volumes.find((v) => v.fileSystem?.kind === 'fat32')?.fileSystem
    const alice = await harness.call('evidence:files', {
      evidenceId: evidence.id,
      fileSystemId: fat?.id ?? null,
      parent: '/Users/alice',
    })
    const notes = alice.rows.find((r) => r.name === 'notes.txt')
    expect(notes).toBeDefined()
    const rule = 'rule Marker { strings: $m = /OUTPOST-E2E-MARKER-[A-Z]+-[0-9]/ condition: $m }'
    const tried = await harness.call('rules:testOnFile', { source: rule, fileId: notes!.fileId })
    expect(tried.matches.map((m) => m.excerptAscii)).toEqual(['OUTPOST-E2E-MARKER-LIVE-7'])

    const packDir = join(tempDir(), 'markers')
    mkdirSync(packDir)
    writeFileSync(join(packDir, 'markers.yar'), rule)
    const scan = await harness.call('scan:start', {
      evidenceIds: [evidence.id],
      fileIds: [notes!.fileId],
      packPaths: [packDir],
    })
    await harness.waitFor('scan:finished', (s) => s.id === scan.id)
    const page = await harness.call('findings:list', { scanId: scan.id })
    const detail = await harness.call('findings:get', { findingId: page.rows[0]!.id })
    expect(tried.matches[0]?.offset).toBe(detail.matches[0]?.offset)
  })

  it('refuses broken rules, unknown files and evidence with clear errors', async () => {
    harness = appHarness()
    const evidenceId = await openCaseWithEvidence(harness)
    const broken = await harness.raw('rules:testOnEvidence', {
      source: 'rule X { condition: $a }',
      evidenceId,
    })
    expect(broken).toMatchObject({ ok: false, error: { code: 'RULES_INVALID' } })
    expect(await harness.call('scan:list')).toEqual([])
    expect(await harness.raw('rules:testOnFile', { source: RULE, fileId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(
      await harness.raw('rules:testOnEvidence', { source: RULE, evidenceId: 999 }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('saves, lists and reads the authoring folder; odd names never reach the service', async () => {
    harness = appHarness()
    const saved = await harness.call('authoring:save', { file: 'editor_rules.yar', source: RULE })
    expect(saved.file).toBe('editor_rules.yar')
    const listing = await harness.call('authoring:list')
    expect(listing.files.map((f) => f.file)).toEqual(['editor_rules.yar'])
    expect(readdirSync(join(listing.folder, 'rules'))).toEqual(['editor_rules.yar'])
    expect(listing.releaseCommand).toMatch(
      /^outpost rules pack \S*authoring --sign --data-dir \S+$/,
    )
    expect(await harness.call('authoring:read', { file: 'editor_rules.yar' })).toEqual({
      file: 'editor_rules.yar',
      source: RULE,
    })
    for (const file of ['../x.yar', 'a/b.yar', 'x.txt']) {
      expect(await harness.raw('authoring:save', { file, source: RULE })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect((await harness.call('authoring:list')).files).toHaveLength(1)
  })
})
