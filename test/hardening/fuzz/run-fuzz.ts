/**
 * Long D6 fuzz of the image parsers, outside vitest, in a process of its own so a synchronous
 * hang can be killed from outside and the heap is capped (`--max-old-space-size`):
 *
 *   node --import tsx --max-old-space-size=256 test/hardening/fuzz/run-fuzz.ts \
 *     [--seconds 600] [--seed N] [--runs 25] [--targets fs-ntfs,media-dyn.vhd] [--large]
 *
 * Rounds over every target with seeds `seed, seed+1, …` (random when not given) until the time
 * is up; prints one JSON line per target (inputs, max ms, max MiB) and a summary line, and exits
 * 1 with the failure and its replay command on the first failure.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fuzzTarget, mib } from '../../security/fuzz/fuzz-property'
import type { FuzzReport } from '../../security/fuzz/fuzz-property'
import { FUZZ_TARGETS } from '../../security/fuzz/fuzz-targets'
import { scanPass } from '../../security/fuzz/scan-pipeline'
import type { PassStats } from '../../security/fuzz/scan-pipeline'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    runs: { type: 'string', default: '25' },
    targets: { type: 'string' },
    large: { type: 'boolean', default: false },
    // Controls only (image-parsers-long.test.ts): a fault planted in every pass.
    plant: { type: 'string' },
  },
})
const budgetMs = Number(values.seconds) * 1000
const baseSeed =
  values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed)
const runs = Number(values.runs)
const wanted = values.targets?.split(',')
const targets = FUZZ_TARGETS.filter((t) =>
  wanted === undefined ? values.large || t.large !== true : wanted.includes(t.id),
)

/** A synchronous endless loop (no in-process deadline can stop it) or a heap balloon. */
function planted(kind: string | undefined): ((path: string) => Promise<PassStats>) | undefined {
  if (kind === 'hang')
    return () => {
      for (;;) Math.sqrt(Date.now())
    }
  if (kind === 'oom')
    return () => {
      const hoard: number[][] = []
      for (;;) hoard.push(new Array<number>(1 << 16).fill(hoard.length))
    }
  return kind === undefined ? undefined : scanPass
}
const pass = planted(values.plant)

const totals = new Map<string, FuzzReport>()
const work = mkdtempSync(join(tmpdir(), 'outpost-fuzz-long-'))
const started = Date.now()
let round = 0
let failed: string | null = null
try {
  // Every target at least once, then more rounds while the time lasts.
  while (failed === null && (round === 0 || Date.now() - started < budgetMs)) {
    const seed = baseSeed + round
    for (const target of targets) {
      if (round > 0 && Date.now() - started >= budgetMs) break
      const report = await fuzzTarget(target, {
        seed,
        runs,
        deadlineMs: 20_000,
        memoryCapBytes: 192 * 1024 * 1024,
        workDir: work,
        ...(pass === undefined ? {} : { pass }),
      })
      merge(report)
      if (report.failure !== null) {
        failed = report.failure
        break
      }
    }
    round += 1
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

for (const report of totals.values()) console.log(JSON.stringify({ ...report, failure: undefined }))
const all = [...totals.values()]
console.log(
  JSON.stringify({
    summary: true,
    baseSeed,
    rounds: round,
    inputs: all.reduce((n, r) => n + r.inputs, 0),
    targets: all.length,
    maxMs: Math.round(Math.max(0, ...all.map((r) => r.maxMs))),
    maxGrowthMiB: Number(mib(Math.max(0, ...all.map((r) => r.maxGrowthBytes)))),
    // Peak resident set of this whole process (KiB → MiB), heap capped by the caller's flag.
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    failed: failed !== null,
  }),
)
if (failed !== null) {
  console.error(failed)
  process.exitCode = 1
}

function merge(report: FuzzReport): void {
  const known = totals.get(report.id)
  if (known === undefined) {
    totals.set(report.id, { ...report })
    return
  }
  known.inputs += report.inputs
  known.opened += report.opened
  known.items += report.items
  known.bytesRead += report.bytesRead
  known.appErrors += report.appErrors
  known.maxMs = Math.max(known.maxMs, report.maxMs)
  known.maxGrowthBytes = Math.max(known.maxGrowthBytes, report.maxGrowthBytes)
}
