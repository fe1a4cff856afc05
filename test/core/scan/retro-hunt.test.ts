import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../../main/core/case/open-case-db'
import { getEvidence } from '../../../main/core/case/evidence-repo'
import { loadRulePack } from '../../../main/core/rules/load-pack'
import { diffPacks } from '../../../main/core/rules/pack-diff'
import { PackStore } from '../../../main/core/rules/pack-store'
import { packSubset } from '../../../main/core/rules/pack-subset'
import { planRetroHunt, retroHuntRules } from '../../../main/core/scan/retro-hunt'
import { runScan } from '../../../main/core/scan/run-scan'
import { SMALL_LIMITS } from '../../helpers/case-scanner'
import { sourceLauncher } from '../../helpers/launcher'
import { scanIntoNewCase } from '../../helpers/scan-harness'
import { tempDir } from '../../helpers/temp-dir'
import type { MarkerRule } from '../../helpers/versioned-pack'
import { installVersion, versionedPack } from '../../helpers/versioned-pack'
import { appHarness } from '../../helpers/app-harness'

const A: MarkerRule = { name: 'TEST_Alpha', id: 'T-1', marker: 'alpha-marker' }
const B1: MarkerRule = { name: 'TEST_Beta', id: 'T-2', marker: 'beta-marker' }
const B2: MarkerRule = { name: 'TEST_Beta', id: 'T-2', marker: 'beta-new' }
const C: MarkerRule = { name: 'TEST_Gamma', id: 'T-3', marker: 'gamma-marker' }
const D: MarkerRule = { name: 'TEST_Delta', id: 'T-4', marker: 'delta-marker' }

/** v1: A, B, C. v2: A unchanged, B's logic changed, C removed, D added. */
async function twoVersions() {
  return {
    v1: await versionedPack('markers', '1.0.0', 1, [A, B1, C]),
    v2: await versionedPack('markers', '1.1.0', 2, [A, B2, D]),
  }
}

function evidenceFolder(): string {
  const root = join(tempDir(), 'evidence')
  mkdirSync(root, { recursive: true })
  writeFileSync(join(root, 'a.txt'), 'x alpha-marker x')
  writeFileSync(join(root, 'b.txt'), 'x beta-marker and beta-new x')
  writeFileSync(join(root, 'c.txt'), 'x gamma-marker x')
  writeFileSync(join(root, 'd1.txt'), 'x delta-marker x')
  writeFileSync(join(root, 'd2.txt'), 'x delta-marker x')
  return root
}

interface FindingRow {
  readonly path: string
  readonly rule: string
  readonly version: string
  readonly superseded: string | null
}

function findings(db: Db, scanId?: number): FindingRow[] {
  return db
    .prepare(
      `SELECT fi.path, r.name AS rule, p.version, f.superseded FROM findings f
       JOIN files fi ON fi.id = f.file_id JOIN rules r ON r.id = f.rule_pk
       JOIN rule_packs p ON p.id = r.pack_id
       WHERE ? IS NULL OR f.scan_id = ? ORDER BY fi.path, r.name`,
    )
    .all(scanId ?? null, scanId ?? null) as FindingRow[]
}

describe('retro-hunt after a pack update', () => {
  it('marks findings of removed and changed rules, then rescans content with only the new and changed ones', async () => {
    const { v1, v2 } = await twoVersions()
    const old = await loadRulePack(v1.folder, 'local')
    const { handle } = await scanIntoNewCase(evidenceFolder(), [old], SMALL_LIMITS)
    expect(findings(handle.db).map((f) => `${f.path} ${f.rule}`)).toEqual([
      'a.txt TEST_Alpha',
      'b.txt TEST_Beta',
      'c.txt TEST_Gamma',
    ])
    const next = await loadRulePack(v2.folder, 'local')
    const diff = diffPacks({ rules: old.rules, engine: null }, { rules: next.rules, engine: null })
    const update = () =>
      planRetroHunt(handle.db, {
        caseUuid: handle.info.uuid,
        examiner: 'ana',
        pack: 'markers',
        from: '1.0.0',
        to: '1.1.0',
        activeManifestSha256: next.manifestSha256,
        diff,
      })
    const plan = update()
    expect(plan.rules).toEqual(['TEST_Beta', 'TEST_Delta'])
    expect(plan.superseded).toEqual({ removed: 1, logicChanged: 1 })
    expect(plan.entryKeys.size).toBe(5)
    const marks = findings(handle.db).map((f) => `${f.path} ${f.rule} ${String(f.superseded)}`)
    expect(marks).toEqual([
      'a.txt TEST_Alpha null',
      'b.txt TEST_Beta logic-changed',
      'c.txt TEST_Gamma removed',
    ])
    const subset = packSubset(next, plan.rules, tempDir())
    expect(subset.rules.map((r) => r.name)).toEqual(['TEST_Beta', 'TEST_Delta'])
    const summary = await runScan({
      db: handle.db,
      caseUuid: handle.info.uuid,
      examiner: 'ana',
      appVersion: 'test',
      evidence: plan.evidenceIds.map((id) => getEvidence(handle.db, id)!),
      packs: [subset],
      limits: SMALL_LIMITS,
      launcher: sourceLauncher(),
      cacheDir: tempDir('outpost-cache-'),
      onlyEntryKeys: plan.entryKeys,
      kind: 'retro-hunt',
    })
    expect(summary.status).toBe('completed')
    expect(summary.kind).toBe('retro-hunt')
    expect(findings(handle.db, summary.id).map((f) => `${f.path} ${f.rule} ${f.version}`)).toEqual([
      'b.txt TEST_Beta 1.1.0',
      'd1.txt TEST_Delta 1.1.0',
      'd2.txt TEST_Delta 1.1.0',
    ])
    // A second update with the same diff marks nothing twice.
    const again = update()
    expect(again.superseded).toEqual({ removed: 0, logicChanged: 0 })
  })

  it('runs no disabled rule and nothing for a meta-only update', async () => {
    const { v1 } = await twoVersions()
    const old = await loadRulePack(v1.folder, 'local')
    const metaOnly = await versionedPack('markers', '1.0.1', 2, [
      A,
      { ...B1, marker: B1.marker },
      C,
    ])
    const next = await loadRulePack(metaOnly.folder, 'local')
    const diff = diffPacks({ rules: old.rules, engine: null }, { rules: next.rules, engine: null })
    expect(retroHuntRules(diff)).toEqual([])
    const withDisabled = { ...diff, added: [{ ...next.rules[0]!, status: 'disabled' as const }] }
    expect(retroHuntRules(withDisabled)).toEqual([])
  })

  it('keeps the subset apart from the whole pack in the compiled-rules cache and scan profile', async () => {
    const { v2 } = await twoVersions()
    const next = await loadRulePack(v2.folder, 'local')
    const subset = packSubset(next, ['TEST_Delta'], tempDir())
    expect(subset.manifestSha256).toBe(next.manifestSha256)
    const { planRuleSet } = await import('../../../main/core/scan/compile-rule-set')
    expect(planRuleSet([subset]).sha256).not.toBe(planRuleSet([next]).sha256)
    expect(() => packSubset(next, ['TEST_Nope'], tempDir())).toThrow(/no rule TEST_Nope/)
  })

  it('through the app: rules:retroHunt after activating v2 over v1 in the store', async () => {
    const harness = appHarness()
    const store = PackStore.forDataDir(harness.dataDir)
    const { v1, v2 } = await twoVersions()
    const first = installVersion(store, v1)
    store.activate('markers', first.id)
    await harness.call('case:create', { name: 'Retro', examiner: 'ana' })
    const evidence = await harness.call('evidence:add', { path: evidenceFolder() })
    const scan = await harness.call('scan:start', { evidenceIds: [evidence.id] })
    const done = await harness.waitFor('scan:finished', (s) => s.id === scan.id)
    // The default pack was installed on first use and scanned along: markers + outpost-default.
    expect(done.packs.map((p) => p.name)).toEqual(['markers', 'outpost-default'])
    const second = installVersion(store, v2)
    store.activate('markers', second.id)
    const result = await harness.call('rules:retroHunt', {
      name: 'markers',
      previousId: first.id,
      activeId: second.id,
    })
    expect(result.rules).toEqual(['TEST_Beta', 'TEST_Delta'])
    expect(result.superseded).toEqual({ removed: 1, logicChanged: 1 })
    expect(result.scan?.kind).toBe('retro-hunt')
    const finished = await harness.waitFor('scan:finished', (s) => s.id === result.scan?.id)
    expect(finished).toMatchObject({ status: 'completed', findingCount: 3 })
    await expect(harness.call('scan:resume', { scanId: finished.id })).rejects.toThrow(
      /retro-hunt|only an interrupted/,
    )
    await harness.services.shutdown()
  })
})
