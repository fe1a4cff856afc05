/**
 * The results of `npm run bench`: their shape, the tables printed, the targets checked, and
 * `bench-results.json` at the repository root.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../helpers/launcher'
import type { Measure } from './measures'
import { fmt } from './measures'

const MIB = 1024 * 1024

/** One line of a rule set's table: rates and ratios to the engine alone. */
export interface MeasureRow extends Measure {
  readonly mibPerS: number
  readonly filesPerS: number
  /** Rate ÷ the engine alone's in one thread (same rules), or null when not comparable. */
  readonly ratioToEngine1: number | null
  /** Rate ÷ the engine alone's in N processes (same rules), for parallel measures. */
  readonly ratioToEngineN: number | null
}

/** Classic yara (libyara, Debian) beside the same files. */
export interface ClassicResult {
  readonly available: boolean
  readonly version: string | null
  readonly note: string | null
  readonly threads: number
  readonly ruleFiles: number
  readonly ruleFilesDropped: number
  /** True when libyara rejected some files: its comparison is against the engine on the subset. */
  readonly subsetDiffers: boolean
  readonly ms: number | null
  readonly mibPerS: number | null
  readonly filesPerS: number | null
  readonly hits: number | null
  readonly errorLines: number | null
  /** Matching rules the yara-x engine alone found (full rule set, per-file externals set). */
  readonly yaraXHits: number
  /** Classic rate ÷ yara-x engine alone in N processes with the same rules. */
  readonly ratioToEngineN: number | null
  /** `outpost scan` (N processes, full rule set) rate ÷ classic rate: > 1 = Outpost faster. */
  readonly outpostNToClassic: number | null
}

/** Everything measured for one rule set. */
export interface RuleSetResult {
  readonly name: string
  readonly measures: readonly MeasureRow[]
  readonly processes: number
  /** outpost scan with N processes rate ÷ with 1 process. */
  readonly speedup1toN: number | null
  /** outpost scan with 2 processes rate ÷ with 1 process (the same as 1→N on 2 cores). */
  readonly speedup1to2: number | null
  /** First scan time ÷ re-scan time (same folder, same rules, same case). */
  readonly rescanRatio: number | null
  readonly rescanFilesScanned: number | null
  readonly classicYara: ClassicResult
}

/** The single big file. */
export interface BigFileResult {
  readonly path: string
  readonly bytes: number
  readonly peakRssBytes: number
  readonly mibPerS: number
  readonly status: string | null
  readonly coverage: Readonly<Record<string, number>>
  readonly findings: number | null
  readonly exitCode: number | null
  readonly notes: readonly string[]
}

/** One target of the scale issue. */
export interface TargetResult {
  readonly target: string
  readonly value: number | null
  readonly met: boolean
  readonly note?: string
}

/** All of `bench-results.json`. */
export interface BenchResults {
  readonly quick: boolean
  readonly machine: Readonly<Record<string, string | number>>
  readonly corpus: Readonly<Record<string, unknown>>
  readonly ruleSets: readonly RuleSetResult[]
  readonly bigFile: BigFileResult | null
  readonly images: unknown
  readonly filesystems: unknown
  readonly share: unknown
  /** Compile time and memory of the real-world rule sets (rule-set-bench.ts), when run. */
  readonly ruleCompile?: unknown
  /** The workbench on a generated case of 100,000 findings (workbench-bench.ts), when run. */
  readonly workbench?: unknown
  readonly targets: readonly TargetResult[]
}

export const rateOf = (m: Measure): number => m.bytes / MIB / (m.ms / 1000)

/** A measure with its rates and ratios (null baselines: not comparable). */
export function toRow(m: Measure, engine1: Measure | null, engineN: Measure | null): MeasureRow {
  return {
    ...m,
    mibPerS: rateOf(m),
    filesPerS: m.files / (m.ms / 1000),
    ratioToEngine1: engine1 === null ? null : rateOf(m) / rateOf(engine1),
    ratioToEngineN: engineN === null ? null : rateOf(m) / rateOf(engineN),
  }
}

const out = (text: string): boolean => process.stdout.write(text)
const ratio = (value: number | null, digits = 2): string =>
  value === null ? '—' : `${fmt(value, digits)}×`

/** A rule set's table and its ratio lines. */
export function printRuleSet(r: RuleSetResult): void {
  out(`\nRules: ${r.name}\n`)
  out(
    `${'measure'.padEnd(52)} ${'files/s'.padStart(9)} ${'MiB/s'.padStart(8)}  ${'×engine(1)'.padStart(10)}  ${'×engine(N)'.padStart(10)}\n`,
  )
  for (const m of r.measures) {
    out(
      `${m.name.padEnd(52)} ${fmt(m.filesPerS).padStart(9)} ${fmt(m.mibPerS).padStart(8)}  ` +
        `${(m.ratioToEngine1 === null ? '' : fmt(m.ratioToEngine1, 2)).padStart(10)}  ` +
        `${(m.ratioToEngineN === null ? '' : fmt(m.ratioToEngineN, 2)).padStart(10)}\n`,
    )
  }
  out(`outpost scan 1→${r.processes} processes speed-up: ${ratio(r.speedup1toN)}\n`)
  out(
    `re-scan of unchanged evidence (same rules, same case): first scan time / re-scan time ${ratio(r.rescanRatio, 1)}` +
      (r.rescanFilesScanned === null
        ? '\n'
        : ` (re-scan reported ${r.rescanFilesScanned} files scanned)\n`),
  )
  const c = r.classicYara
  if (!c.available) {
    out(`classic yara: skipped (${c.note ?? 'unavailable'})\n`)
    return
  }
  out(
    `classic yara ${c.version ?? ''} -p ${c.threads}: ${c.hits ?? 0} hits (yara-x engine alone: ${c.yaraXHits})` +
      `${c.errorLines ? `, ${c.errorLines} stderr lines` : ''}; ` +
      `${c.ruleFilesDropped} of ${c.ruleFiles} rule files rejected by libyara` +
      `${c.subsetDiffers ? ' (its ×engine(N) is against yara-x on the same subset)' : ''}; ` +
      `outpost scan (${c.threads} processes) ÷ classic yara: ${ratio(c.outpostNToClassic)}\n`,
  )
}

/** The big-file line. */
export function printBigFile(b: BigFileResult): void {
  out(
    `\nSingle ${fmt(b.bytes / MIB, 0)} MiB file (outpost scan CLI, 1 process, default pack): ` +
      `peak RSS ${fmt(b.peakRssBytes / MIB)} MiB (CLI + scan processes), ${fmt(b.mibPerS)} MiB/s, ` +
      `status ${b.status ?? '?'}, coverage ${JSON.stringify(b.coverage)}, ${b.findings ?? '?'} findings\n`,
  )
  for (const note of b.notes) out(`  note: ${note}\n`)
}

/** The issue's targets, from the results. */
export function targetsOf(
  ruleSets: readonly RuleSetResult[],
  bigFile: BigFileResult | null,
): TargetResult[] {
  const targets: TargetResult[] = []
  for (const r of ruleSets) {
    const scanN = r.measures.find((m) => m.name.startsWith(`outpost scan, ${r.processes} `))
    const scan1 = r.measures.find((m) => m.name.startsWith('outpost scan, 1 '))
    const vsEngine =
      r.processes > 1 ? (scanN?.ratioToEngineN ?? null) : (scan1?.ratioToEngine1 ?? null)
    targets.push({
      target: `[${r.name}] folder scan ≥ 0.8× engine alone (outpost scan ${r.processes} processes vs yara-x engine alone ${r.processes} processes)`,
      value: vsEngine,
      met: vsEngine !== null && vsEngine >= 0.8,
    })
    const classic = r.classicYara.outpostNToClassic
    targets.push({
      target: `[${r.name}] faster than classic yara -p ${r.processes} (outpost scan ${r.processes} processes ÷ yara)`,
      value: classic,
      met: classic !== null && classic > 1,
      ...(r.classicYara.available
        ? r.classicYara.subsetDiffers
          ? {
              note: `yara ran ${r.classicYara.ruleFiles - r.classicYara.ruleFilesDropped} of ${r.classicYara.ruleFiles} rule files`,
            }
          : {}
        : { note: r.classicYara.note ?? 'classic yara unavailable' }),
    })
    targets.push({
      target: `[${r.name}] 1→2 processes speed-up near-linear (≥ 1.7×)`,
      value: r.speedup1to2,
      met: r.speedup1to2 !== null && r.speedup1to2 >= 1.7,
      ...(r.speedup1to2 === null ? { note: 'one core: not measured' } : {}),
    })
    targets.push({
      target: `[${r.name}] re-scan of unchanged evidence ≥ 10× faster`,
      value: r.rescanRatio,
      met: r.rescanRatio !== null && r.rescanRatio >= 10,
    })
  }
  if (bigFile !== null) {
    targets.push({
      target: `${fmt(bigFile.bytes / MIB / 1024, 1)} GiB file: peak RSS < 1 GiB (MiB)`,
      value: bigFile.peakRssBytes / MIB,
      met: bigFile.peakRssBytes < 1024 * MIB && bigFile.status === 'completed',
      ...(bigFile.notes.length > 0 ? { note: bigFile.notes.join('; ') } : {}),
    })
  }
  return targets
}

/** The closing "Targets" block. */
export function printTargets(targets: readonly TargetResult[], quick: boolean): void {
  out(
    `\nTargets${quick ? ' (QUICK MODE: a smoke test on a small corpus; the targets are for the full run)' : ''}\n`,
  )
  for (const t of targets) {
    const value = t.value === null ? '—' : fmt(t.value, 2)
    out(
      `  ${t.met ? 'met    ' : 'NOT MET'}  ${value.padStart(8)}  ${t.target}${t.note ? ` (${t.note})` : ''}\n`,
    )
  }
}

/** Write `bench-results.json` at the repository root; its path. */
export function writeResults(results: BenchResults): string {
  const path = join(ROOT, 'bench-results.json')
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`)
  return path
}
