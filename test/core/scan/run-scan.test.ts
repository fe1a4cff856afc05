import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CaseHandle } from '../../../main/core/case/case-file'
import { listCoverage } from '../../../main/core/case/coverage-repo'
import { getFindingDetail } from '../../../main/core/case/finding-detail-repo'
import { listFindings } from '../../../main/core/case/findings-repo'
import { verifyAudit } from '../../../main/core/case/audit-log'
import type { ScanLimits } from '../../../main/core/model/scan'
import type { LoadedPack } from '../../../main/core/rules/load-pack'
import { ageTree, listTree, snapshotPaths } from '../../helpers/evidence-snapshot'
import { scanIntoNewCase } from '../../helpers/scan-harness'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'
import { buildPipelineEvidence, PIPELINE_RULES } from './scan-fixtures'

const LIMITS: ScanLimits = {
  maxFileBytes: 64 * 1024,
  engineTimeoutMs: 10_000,
  hardDeadlineMs: 30_000,
  matchCapPerPattern: 100,
  excerptBytes: 64,
  processes: 2,
}

async function scanFolder(
  root: string,
  pack: LoadedPack,
  limits: ScanLimits = LIMITS,
): Promise<{ handle: CaseHandle; scanId: number }> {
  const { handle, summary } = await scanIntoNewCase(root, [pack], limits)
  expect(summary.status).toBe('completed')
  return { handle, scanId: summary.id }
}

function allFindings(handle: CaseHandle) {
  return listFindings(handle.db, {
    offset: 0,
    limit: 1000,
    sort: 'path',
    direction: 'asc',
  }).rows.map((row) => {
    const detail = getFindingDetail(handle.db, row.id)!
    return {
      path: row.path,
      rule: row.ruleName,
      matches: detail.matches.map((m) => [m.identifier, m.offset]),
    }
  })
}

describe('runScan over a folder', () => {
  it('finds every planted positive with the right rule, path and offset, and nothing else', async () => {
    const root = join(tempDir(), 'evidence')
    mkdirSync(root)
    const expected = buildPipelineEvidence(root, LIMITS.maxFileBytes)
    const { handle } = await scanFolder(root, await localPack({ 'pipeline.yar': PIPELINE_RULES }))
    const found = allFindings(handle)
    expect(found.map((f) => `${f.path} ${f.rule}`).sort()).toEqual(
      expected.map((e) => `${e.path} ${e.rule}`).sort(),
    )
    for (const e of expected.filter((x) => x.offset >= 0)) {
      expect(found.find((f) => f.path === e.path)?.matches).toContainEqual([e.identifier, e.offset])
    }
  })

  it('lists every file it did not fully scan in coverage, with the reason', async () => {
    const root = join(tempDir(), 'evidence')
    mkdirSync(root)
    buildPipelineEvidence(root, LIMITS.maxFileBytes)
    const { handle } = await scanFolder(root, await localPack({ 'pipeline.yar': PIPELINE_RULES }))
    const coverage = listCoverage(handle.db, { offset: 0, limit: 100 }).rows.map(
      (c) => `${c.path} ${c.reason}`,
    )
    expect(coverage.sort()).toEqual([
      'big.bin block-mode',
      'passwd-link symlink',
      'pipe special-file',
    ])
  })

  it('records hashes, MIME type, LOKI type and entropy of every file', async () => {
    const root = join(tempDir(), 'evidence')
    mkdirSync(root)
    buildPipelineEvidence(root, LIMITS.maxFileBytes)
    const { handle } = await scanFolder(root, await localPack({ 'pipeline.yar': PIPELINE_RULES }))
    const row = handle.db.prepare(`SELECT * FROM files WHERE path = 'invoice.pdf'`).get() as Record<
      string,
      unknown
    >
    expect(row['file_type']).toBe('EXE')
    expect(row['sha256']).toMatch(/^[0-9a-f]{64}$/)
    expect(row['md5']).toMatch(/^[0-9a-f]{32}$/)
    const big = handle.db
      .prepare(`SELECT sha256, size_bytes FROM files WHERE path = 'big.bin'`)
      .get() as { sha256: string; size_bytes: number }
    expect(big.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(big.size_bytes).toBeGreaterThan(LIMITS.maxFileBytes)
    const text = handle.db
      .prepare(`SELECT mime, entropy FROM files WHERE path = 'docs/report.txt'`)
      .get() as { mime: string; entropy: number }
    expect(text.mime).toBe('text/plain')
    expect(text.entropy).toBeGreaterThan(3)
    expect(text.entropy).toBeLessThan(6)
    expect(verifyAudit(handle.db, handle.info.uuid).ok).toBe(true)
  })

  it('changes no byte and no timestamp of the evidence (SHA-256, size, atime/mtime/ctime in ns)', async () => {
    const root = join(tempDir(), 'evidence')
    mkdirSync(root)
    buildPipelineEvidence(root, LIMITS.maxFileBytes)
    const paths = listTree(root)
    ageTree(root, paths)
    const before = snapshotPaths(root, paths)
    const { handle, scanId } = await scanFolder(
      root,
      await localPack({ 'pipeline.yar': PIPELINE_RULES }),
    )
    const after = snapshotPaths(root, paths)
    const changedFolders: string[] = []
    for (const [path, snap] of before) {
      const now = after.get(path)!
      if (snap.kind === 'dir' && now.atimeNs !== snap.atimeNs) {
        // Node cannot list a folder with O_NOATIME: a folder's atime may move, and must be reported.
        changedFolders.push(path)
        expect({ ...now, atimeNs: 0n }, path).toEqual({ ...snap, atimeNs: 0n })
      } else {
        expect(now, path).toEqual(snap)
      }
    }
    expect(listTree(root)).toEqual(paths)
    const audit = handle.db
      .prepare(`SELECT details_json FROM audit_log WHERE action = 'scan.completed' AND subject = ?`)
      .get(String(scanId)) as { details_json: string }
    const reported = (
      JSON.parse(audit.details_json) as {
        foldersAtimeUpdated: { count: number; examples: string[] }
      }
    ).foldersAtimeUpdated
    expect(reported.examples.map((p) => p.replace(/^evidence\//, '')).sort()).toEqual(
      changedFolders.sort(),
    )
  })

  it('scans a read-only evidence folder', async () => {
    const root = join(tempDir(), 'evidence')
    mkdirSync(root)
    const expected = buildPipelineEvidence(root, LIMITS.maxFileBytes)
    for (const entry of readdirSync(root, { recursive: true }).map(String)) {
      const path = join(root, entry)
      if (!statSync(path).isFIFO()) chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444)
    }
    chmodSync(root, 0o555)
    const { handle } = await scanFolder(root, await localPack({ 'pipeline.yar': PIPELINE_RULES }))
    expect(allFindings(handle)).toHaveLength(expected.length)
  })
})
