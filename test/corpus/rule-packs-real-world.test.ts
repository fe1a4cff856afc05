import { beforeAll, describe, expect, it } from 'vitest'
import { loadYaraBinding } from '../../main/core/engine/yara-binding'
import type { ScanLimits } from '../../main/core/model/scan'
import {
  confirmLocalPackImport,
  prepareLocalPackImport,
} from '../../main/core/rules/import-local-pack'
import { loadRulePack } from '../../main/core/rules/load-pack'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import { PackStore } from '../../main/core/rules/pack-store'
import type { PackInstall } from '../../main/core/rules/pack-store'
import { validateInChild } from '../../main/core/rules/validate-in-child'
import { writeSampleEvidence } from '../../main/core/sample/planted-samples'
import { ensureCompiledRules, planRuleSet } from '../../main/core/scan/compile-rule-set'
import { sourceLauncher } from '../helpers/launcher'
import { scanIntoNewCase } from '../helpers/scan-harness'
import { tempDir, withSuiteTempDirs } from '../helpers/temp-dir'
import { requireCorpus } from './corpus-paths'

/**
 * The four real-world sets imported as plain-folder packs (drop-invalid) into one store, all
 * active at once, each in its own namespace: what compiles, what is dropped and why, the four
 * compiled together, and a scan of the sample evidence with all of them.
 *
 * Figures measured on the corpus of 2026-11 (yara-x 1.20 in binding 0.7.2); the counts may only
 * go up (a newer engine accepting more), never down.
 */
const SETS = [
  { name: 'signature-base', dir: 'rules/signature-base/yara', minRules: 5883, dropped: {} },
  { name: 'reversinglabs', dir: 'rules/reversinglabs', minRules: 1204, dropped: {} },
  {
    name: 'yara-rules',
    dir: 'rules/yara-rules',
    minRules: 5200,
    dropped: {
      'include (file)': 12,
      'unknown module (file)': 46,
      'uses a rule of another file (rule)': 10,
      'yara-x incompatibility: regular expression (rule)': 3,
      'yara-x incompatibility: type (rule)': 1,
    },
  },
  { name: 'elastic', dir: 'rules/elastic/yara', minRules: 3021, dropped: {} },
] as const

/** A dropped entry's reason, grouped. */
function reasonGroup(d: { rule: string | null; code: string; reason: string }): string {
  const what = d.rule === null ? 'file' : 'rule'
  const group =
    d.code === 'E044'
      ? 'include'
      : d.code === 'E010'
        ? 'unknown module'
        : d.code === 'E009' && /`is__elf`/.test(d.reason)
          ? 'uses a rule of another file'
          : d.code === 'E014'
            ? 'yara-x incompatibility: regular expression'
            : d.code === 'E002'
              ? 'yara-x incompatibility: type'
              : d.code === 'depends-on'
                ? 'depends on a dropped rule'
                : `UNEXPECTED ${d.code}: ${d.reason}`
  return `${group} (${what})`
}

const LIMITS: ScanLimits = {
  maxFileBytes: 16 * 1024 * 1024,
  engineTimeoutMs: 10_000,
  hardDeadlineMs: 60_000,
  matchCapPerPattern: 100,
  excerptBytes: 64,
  processes: 2,
}

interface Imported {
  readonly install: PackInstall
  readonly pack: LoadedPack
}

let store: PackStore
let active: LoadedPack[] = []
let importSeconds = 0
const imported = new Map<string, Imported>()

beforeAll(async () => {
  await withSuiteTempDirs(async () => {
    store = PackStore.forDataDir(tempDir('outpost-store-'))
    const started = Date.now()
    // Validated side by side (one scan process each); installed one after the other.
    const plans = await Promise.all(
      SETS.map((set) =>
        prepareLocalPackImport(requireCorpus(set.dir), {
          store,
          name: set.name,
          dropInvalid: true,
          validate: (files, options) =>
            validateInChild(files, { ...options, launcher: sourceLauncher(), deadlineMs: 600_000 }),
        }),
      ),
    )
    for (const plan of plans) {
      const install = confirmLocalPackImport(plan, store, 'corpus')
      imported.set(plan.name, { install, pack: plan.pack })
    }
    importSeconds = (Date.now() - started) / 1000
    active = await Promise.all(
      store.activePacks().map((p) => loadRulePack(p.folder, 'local', { name: p.name })),
    )
  })
}, 900_000)

describe('the real-world sets as plain-folder packs, all four active', () => {
  it('each keeps at least the measured rules and drops only for the known reasons', () => {
    const table = SETS.map((set) => {
      const { install, pack } = imported.get(set.name)!
      const groups: Record<string, number> = {}
      for (const d of install.dropped ?? []) {
        groups[reasonGroup(d)] = (groups[reasonGroup(d)] ?? 0) + 1
      }
      return { set: set.name, rules: pack.rules.length, dropped: install.dropped?.length, groups }
    })
    const lines = table.map(
      (r) =>
        `${r.set.padEnd(15)} ${String(r.rules).padStart(6)} rules ${String(r.dropped).padStart(4)} dropped  ${JSON.stringify(r.groups)}`,
    )
    console.log(
      `${lines.join('\n')}\nimported (validated, copied, loaded) in ${importSeconds.toFixed(1)} s`,
    )
    for (const [index, set] of SETS.entries()) {
      expect(table[index]!.rules, set.name).toBeGreaterThanOrEqual(set.minRules)
      expect(table[index]!.groups, set.name).toEqual(set.dropped)
    }
  })

  it('are all active, each under its store name and in its own namespace', () => {
    expect(active.map((p) => [p.summary.name, p.namespace]).sort()).toEqual([
      ['elastic', 'elastic'],
      ['reversinglabs', 'reversinglabs'],
      ['signature-base', 'signature_base'],
      ['yara-rules', 'yara_rules'],
    ])
    expect(store.list().map((p) => p.active?.signature)).toEqual(Array(4).fill('unsigned'))
  })

  it('compile together although they share rule names, and a scan of the sample evidence finishes', async () => {
    const owners = new Map<string, Set<string>>()
    for (const pack of active)
      for (const rule of pack.rules)
        owners.set(rule.name, (owners.get(rule.name) ?? new Set()).add(pack.summary.name))
    const shared = [...owners.values()].filter((s) => s.size > 1).length
    const { info } = loadYaraBinding()
    const cacheDir = tempDir('outpost-cache-')

    const started = Date.now()
    const compiled = await ensureCompiledRules(planRuleSet(active), {
      launcher: sourceLauncher(),
      cacheDir,
      bindingId: `${info.packageName}@${info.version}`,
      deadlineMs: 600_000,
    })
    const compileSeconds = (Date.now() - started) / 1000
    // The scan finds the compiled set in the cache: compiled once.
    const scan = await scanSamples(cacheDir)
    console.log(
      `all four: ${planRuleSet(active).ruleCount} rules, ${shared} names in more than one set, compiled in ${compileSeconds.toFixed(1)} s; scan ${(scan.elapsedMs / 1000).toFixed(1)} s, ${scan.summary.filesScanned} files, ${scan.summary.findingCount} findings`,
    )

    expect(shared).toBeGreaterThan(1000)
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(scan.summary.status).toBe('completed')
    expect(scan.summary.filesScanned).toBeGreaterThan(40)
    expect(scan.summary.packs.map((p) => p.name).sort()).toEqual([
      'elastic',
      'reversinglabs',
      'signature-base',
      'yara-rules',
    ])
    expect(scan.summary.findingCount).toBeGreaterThan(0)
  }, 900_000)
})

/** The sample evidence as a folder, scanned into a fresh case with the four active packs. */
async function scanSamples(cacheDir: string) {
  const evidenceDir = tempDir('outpost-evidence-')
  await writeSampleEvidence(evidenceDir)
  const { handle, summary, elapsedMs } = await scanIntoNewCase(evidenceDir, active, LIMITS, {
    cacheDir,
  })
  handle.db.close()
  return { summary, elapsedMs }
}
