import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listCoverage } from '../../../main/core/case/coverage-repo'
import { listFindings } from '../../../main/core/case/findings-repo'
import { compileSources, EngineTimeoutError } from '../../../main/core/engine/yara-engine'
import type { ScanLimits } from '../../../main/core/model/scan'
import { localPack } from '../../helpers/local-pack'
import { scanIntoNewCase } from '../../helpers/scan-harness'
import type { ScanRun } from '../../helpers/scan-harness'
import { tempDir } from '../../helpers/temp-dir'

/**
 * Security-checks D5: pathological rules over 1 MiB of `a` are refused at compile or stopped at
 * the scan deadline — the slow file is marked timed out, the scan goes on to find the planted
 * string in the next file, and the main process's event loop stays responsive (the scan runs in
 * a child). Deadlines are small here (1 s engine timeout, 5 s hard deadline) to keep CI short;
 * the default is 60 s / 90 s (default-limits.ts). Also: 1,000,000 matches of one pattern are
 * capped at the recorded per-pattern cap. Scans use the source launcher (tsx). The hard
 * deadline (a process killed when the engine does not stop) and a process killed from outside
 * are covered by test/core/scan/scan-limits.test.ts, with `/a.*b/`.
 */
const LIMITS: ScanLimits = {
  maxFileBytes: 16 * 1024 * 1024,
  engineTimeoutMs: 1_000,
  hardDeadlineMs: 5_000,
  matchCapPerPattern: 1_000,
  excerptBytes: 64,
  processes: 1,
}
const PLANTED =
  'rule Planted { meta: score = 90 strings: $m = "PLANTED-AFTER-SLOW" condition: $m }\n'

function evidence(): string {
  const root = join(tempDir(), 'evidence')
  mkdirSync(root)
  writeFileSync(join(root, 'a-slow.txt'), Buffer.alloc(1024 * 1024, 0x61))
  writeFileSync(join(root, 'b-positive.txt'), 'before PLANTED-AFTER-SLOW after')
  return root
}

/** Longest gap between 50 ms ticks of this (the main) process's event loop while `work` runs. */
async function withLoopLag<T>(work: () => Promise<T>): Promise<{ result: T; maxLagMs: number }> {
  let last = Date.now()
  let maxLagMs = 0
  const timer = setInterval(() => {
    const now = Date.now()
    maxLagMs = Math.max(maxLagMs, now - last - 50)
    last = now
  }, 50)
  try {
    return { result: await work(), maxLagMs }
  } finally {
    clearInterval(timer)
  }
}

function findingsOf(run: ScanRun): string[] {
  return listFindings(run.handle.db, {
    offset: 0,
    limit: 100,
    sort: 'path',
    direction: 'asc',
  }).rows.map((r) => `${r.path} ${r.ruleName}`)
}

const PATHOLOGICAL: readonly [string, string][] = [
  ['nested quantifier /(a+)+b/', 'strings: $r = /(a+)+b/ condition: $r'],
  ['greedy /a.*b/', 'strings: $r = /a.*b/ condition: $r'],
  ['bounded class /a[a-z]{0,200}x/', 'strings: $r = /a[a-z]{0,200}x/ condition: $r'],
  [
    'hex jumps { 61 [0-200] 62 [0-200] 63 }',
    'strings: $h = { 61 [0-200] 62 [0-200] 63 } condition: $h',
  ],
  ['loop for any i in (0..filesize)', 'condition: for any i in (0..filesize) : (uint8(i) == 0x62)'],
  [
    'loop for all i in (1..#a) over "a"',
    'strings: $a = "a" condition: for all i in (1..#a) : (@a[i] >= 0) and filesize == 1',
  ],
]

describe('D5 pathological rules: refused at compile or stopped at the deadline', () => {
  it.each(PATHOLOGICAL)('D5 %s: the engine stops at its timeout or finishes', (label, body) => {
    // In-process, per rule: which of them the 1 s engine timeout has to stop.
    const { rules } = compileSources([
      { namespace: 'n', source: `rule Slow { ${body} }`, displayName: 'slow.yar' },
    ])
    rules.configure({ timeoutMs: 1_000, matchCapPerPattern: 1_000 })
    const started = Date.now()
    let outcome = 'finished'
    try {
      rules.scan(Buffer.alloc(1024 * 1024, 0x61), { filename: 'a', extension: 'txt' })
    } catch (error: unknown) {
      if (!(error instanceof EngineTimeoutError)) throw error
      outcome = 'timed out'
    }
    const elapsed = Date.now() - started
    console.log(`D5 ${label}: engine ${outcome} after ${elapsed} ms`)
    expect(elapsed).toBeLessThan(10_000)
  })

  it('D5 all of them in one scan: slow file marked timed out, scan goes on, main loop responsive', async () => {
    const files = Object.fromEntries(
      PATHOLOGICAL.map(([, body], i) => [`slow${i}.yar`, `rule Slow${i} { ${body} }\n`]),
    )
    const pack = await localPack({ ...files, 'planted.yar': PLANTED })
    const { result: run, maxLagMs } = await withLoopLag(() =>
      scanIntoNewCase(evidence(), [pack], LIMITS),
    )
    const coverage = listCoverage(run.handle.db, { offset: 0, limit: 10 }).rows.map(
      (c) => `${c.path} ${c.reason}`,
    )
    console.log(
      `D5 one scan: ${run.elapsedMs} ms, coverage ${JSON.stringify(coverage)}, main-loop lag ≤ ${maxLagMs} ms`,
    )
    expect(run.summary.status).toBe('completed')
    expect(coverage).toEqual(['a-slow.txt timeout'])
    expect(findingsOf(run)).toContain('b-positive.txt Planted')
    expect(run.summary.limits.engineTimeoutMs).toBe(1_000)
    // Generous: a hang would be the hard deadline times files, a blocked loop seconds.
    expect(run.elapsedMs).toBeLessThan(60_000)
    expect(maxLagMs).toBeLessThan(2_000)
  })

  it('D5 import "console" is refused at compile (banned module)', () => {
    expect(() =>
      compileSources([
        {
          namespace: 'n',
          source: 'import "console"\nrule C { condition: console.log("x") }',
          displayName: 'c.yar',
        },
      ]),
    ).toThrow(expect.objectContaining({ code: 'RULES_INVALID' }) as Error)
  })

  it('D5 1,000,000 matches ("a" over 1 MiB of a) stop at the recorded cap', async () => {
    const pack = await localPack({
      'many.yar': 'rule Many { strings: $a = "a" condition: #a > 10 }\n' + PLANTED,
    })
    const { result: run, maxLagMs } = await withLoopLag(() =>
      scanIntoNewCase(evidence(), [pack], {
        ...LIMITS,
        engineTimeoutMs: 30_000,
        hardDeadlineMs: 60_000,
      }),
    )
    const rows = listFindings(run.handle.db, {
      offset: 0,
      limit: 10,
      sort: 'path',
      direction: 'asc',
    }).rows
    const many = rows.find((r) => r.ruleName === 'Many' && r.path === 'a-slow.txt')
    console.log(
      `D5 1M matches: ${run.elapsedMs} ms, matchCount ${many?.matchCount}, cap ${run.summary.limits.matchCapPerPattern}, lag ≤ ${maxLagMs} ms`,
    )
    expect(run.summary.status).toBe('completed')
    expect(run.summary.limits.matchCapPerPattern).toBe(1_000)
    expect(many?.matchCount).toBeGreaterThan(10)
    expect(many?.matchCount).toBeLessThanOrEqual(1_000)
    expect(run.elapsedMs).toBeLessThan(60_000)
  })
})
