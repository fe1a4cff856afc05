import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { envSettings, fuzzTarget, mib } from './fuzz-property'
import type { FuzzReport } from './fuzz-property'
import { FUZZ_TARGETS } from './fuzz-targets'

/**
 * D6 — every image parser (containers, partition tables, file systems) fed mutated valid
 * fixtures through the whole scan pipeline (scan-pipeline.ts): only AppError escapes, every pass
 * ends within the deadline, memory growth per pass stays under the cap. A fixed seed keeps npm
 * test reproducible; OUTPOST_FUZZ_SEED / OUTPOST_FUZZ_RUNS / OUTPOST_FUZZ_TARGET widen or narrow
 * it, and the longer randomised runs live in test/hardening/fuzz.
 */
const { seed, runs, path } = envSettings({ seed: 90_601, runs: 4 })
const only = process.env['OUTPOST_FUZZ_TARGET']
const targets = FUZZ_TARGETS.filter((t) => (only ? t.id === only : t.large !== true))
const work = mkdtempSync(join(tmpdir(), 'outpost-fuzz-'))
const reports: FuzzReport[] = []

afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  const inputs = reports.reduce((n, r) => n + r.inputs, 0)
  const maxMs = Math.max(0, ...reports.map((r) => r.maxMs))
  const maxGrowth = Math.max(0, ...reports.map((r) => r.maxGrowthBytes))
  console.info(
    `D6 image-parser fuzz: seed ${String(seed)}, ${String(inputs)} inputs over ${String(reports.length)} targets, ` +
      `max ${maxMs.toFixed(0)} ms and ${mib(maxGrowth)} MiB per input`,
  )
})

describe('D6: mutated images through the scan pipeline — only AppError, bounded time and memory', () => {
  it.each(targets.map((t) => [t.id, t] as const))(
    'D6 %s',
    async (_id, target) => {
      const report = await fuzzTarget(target, {
        seed,
        runs,
        ...(path === undefined ? {} : { path }),
        deadlineMs: 15_000,
        memoryCapBytes: 256 * 1024 * 1024,
        workDir: work,
      })
      reports.push(report)
      expect(report.failure).toBeNull()
      expect(report.inputs).toBe(path === undefined ? runs : report.inputs)
    },
    120_000,
  )
})
