import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CaseHandle } from '../../../main/core/case/case-file'
import { listCoverage } from '../../../main/core/case/coverage-repo'
import { listFindings } from '../../../main/core/case/findings-repo'
import type { ScanLimits } from '../../../main/core/model/scan'
import type { LoadedPack } from '../../../main/core/rules/load-pack'
import { scanIntoNewCase } from '../../helpers/scan-harness'
import type { ScanHooks, ScanRun } from '../../helpers/scan-harness'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'

/** `/a.*b/` over a MiB of `a` runs for minutes (security-checks.md finding 2). */
const SLOW_RULES = `
rule Slow_Regex { strings: $a = /a.*b/ condition: $a }
rule Planted { meta: score = 90 strings: $m = "PLANTED-AFTER-SLOW" condition: $m }
`

function evidenceWithSlowFile(): string {
  const root = join(tempDir(), 'evidence')
  mkdirSync(root)
  writeFileSync(join(root, 'a-slow.txt'), Buffer.alloc(1024 * 1024, 0x61))
  writeFileSync(join(root, 'b-positive.txt'), 'before PLANTED-AFTER-SLOW after')
  return root
}

function scan(
  root: string,
  pack: LoadedPack,
  limits: Partial<ScanLimits>,
  hooks: ScanHooks = {},
): Promise<ScanRun> {
  return scanIntoNewCase(
    root,
    [pack],
    {
      maxFileBytes: 16 * 1024 * 1024,
      engineTimeoutMs: 60_000,
      hardDeadlineMs: 120_000,
      matchCapPerPattern: 100,
      excerptBytes: 64,
      processes: 1,
      ...limits,
    },
    hooks,
  )
}

function coverageOf(handle: CaseHandle): string[] {
  return listCoverage(handle.db, { offset: 0, limit: 100 }).rows.map((c) => `${c.path} ${c.reason}`)
}

function findingPaths(handle: CaseHandle): string[] {
  return listFindings(handle.db, {
    offset: 0,
    limit: 100,
    sort: 'path',
    direction: 'asc',
  }).rows.map((r) => `${r.path} ${r.ruleName}`)
}

/** User + system CPU seconds of a process, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

describe('scan limits', () => {
  it('stops a rule that would take minutes at the engine timeout, and the scan finishes', async () => {
    const run = await scan(evidenceWithSlowFile(), await localPack({ 'slow.yar': SLOW_RULES }), {
      engineTimeoutMs: 1000,
    })
    expect(run.summary.status).toBe('completed')
    expect(coverageOf(run.handle)).toEqual(['a-slow.txt timeout'])
    expect(findingPaths(run.handle)).toEqual(['b-positive.txt Planted'])
    expect(run.summary.limits.engineTimeoutMs).toBe(1000)
    expect(run.elapsedMs).toBeLessThan(20_000)
  })

  it('kills the scan process at the hard deadline when the engine does not stop, and goes on', async () => {
    const run = await scan(evidenceWithSlowFile(), await localPack({ 'slow.yar': SLOW_RULES }), {
      engineTimeoutMs: 600_000,
      hardDeadlineMs: 2_000,
    })
    expect(run.summary.status).toBe('completed')
    const coverage = listCoverage(run.handle.db, { offset: 0, limit: 10 }).rows
    expect(coverage.map((c) => `${c.path} ${c.reason}`)).toEqual(['a-slow.txt timeout'])
    expect(coverage[0]?.detail).toMatch(/hard deadline/)
    expect(findingPaths(run.handle)).toEqual(['b-positive.txt Planted'])
    expect(run.elapsedMs).toBeLessThan(30_000)
  })

  it('records a file whose scan process was killed from outside, restarts the process and goes on', async () => {
    const pids: number[] = []
    const killer = setInterval(() => {
      // The first process loads the rules, then burns CPU for minutes on a-slow.txt: kill it
      // once it has used more CPU than loading could take.
      if (pids.length === 1 && cpuSeconds(pids[0]!) > 1.5) {
        process.kill(pids[0]!, 'SIGKILL')
        pids.push(-1)
      }
    }, 100)
    const run = await scan(
      evidenceWithSlowFile(),
      await localPack({ 'slow.yar': SLOW_RULES }),
      {},
      {
        onSpawn: (pid) => {
          if (pid !== undefined) pids.push(pid)
        },
      },
    ).finally(() => {
      clearInterval(killer)
    })
    expect(run.summary.status).toBe('completed')
    expect(coverageOf(run.handle)).toEqual(['a-slow.txt process-crashed'])
    expect(findingPaths(run.handle)).toEqual(['b-positive.txt Planted'])
  })

  it('cancels: stops early, keeps what was committed and marks the scan cancelled', async () => {
    const root = join(tempDir(), 'evidence')
    mkdirSync(root)
    // Each file keeps the slow regex busy a few milliseconds, so the scan is still far from
    // done when the throttled progress report that triggers the cancel arrives, even on a
    // loaded machine.
    const slowPrefix = 'a'.repeat(1024)
    for (let i = 0; i < 400; i += 1)
      writeFileSync(
        join(root, `f${String(i).padStart(4, '0')}.txt`),
        `${slowPrefix} file ${i} PLANTED-AFTER-SLOW`,
      )
    const controller = new AbortController()
    const run = await scan(
      root,
      await localPack({ 'slow.yar': SLOW_RULES }),
      {},
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.filesDone >= 20) controller.abort()
        },
      },
    )
    expect(run.summary.status).toBe('cancelled')
    expect(run.summary.filesScanned).toBeGreaterThanOrEqual(20)
    expect(run.summary.filesScanned).toBeLessThan(400)
    expect(run.summary.findingCount).toBe(run.summary.filesScanned)
    expect(
      listFindings(run.handle.db, { offset: 0, limit: 1000, sort: 'id', direction: 'asc' }).total,
    ).toBe(run.summary.findingCount)
  })
})
