/**
 * Compile time and memory of each real-world rule set of `../shared/corpus/rules` and of all four
 * together, each set in its own namespace as the app compiles plain-folder packs, with the
 * declared externals. Our engine module (`compileSources`, in a fresh process per compile) is
 * given as ratios to two baselines of the same run — Debian's `yarac` on the same files (those
 * libyara accepts) and our own parser over the same sources — never as bare seconds. Memory:
 * the compiling process's peak RSS minus its RSS before compiling; `yarac`'s max RSS.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { sanitiseNamespace } from '../../main/core/rules/pack-files'
import type { RuleSourceRef } from '../../main/core/scan/child/protocol'
import { CORPUS, requireCorpus, ruleFiles } from '../corpus/corpus-paths'
import { compileClassic } from './classic-yara'
import type { EngineRun, YaracRun } from './rule-compile-measure'
import { compileInChild, median, parseAll, runYarac, yaracAvailable } from './rule-compile-measure'
import { fmt } from './measures'
import { printRuleCompileFootnotes, printRuleCompileRow } from './rule-set-report'

/** The whole rules part should stay under four minutes: the all-four runs fit in what is left. */
const BUDGET_MS = 240_000

/** The sets, as test/corpus/rule-sets.test.ts loads them. */
const RULE_SETS = [
  { name: 'signature-base', dir: 'rules/signature-base/yara' },
  { name: 'reversinglabs', dir: 'rules/reversinglabs' },
  { name: 'yara-rules', dir: 'rules/yara-rules' },
  { name: 'elastic', dir: 'rules/elastic/yara' },
] as const

/** Files of Yara-Rules that only `include` others (includes are never followed). */
const isIndexFile = (path: string): boolean => /_index\.yar$|\/index(_w_mobile)?\.yar$/.test(path)

/** What was measured for one set (or all four). */
export interface RuleCompileResult {
  readonly name: string
  readonly files: number
  /** Include-only index files left out, and files yara-x rejects (left out, named). */
  readonly indexFiles: number
  readonly rejectedByYaraX: readonly string[]
  readonly rules: number
  readonly runs: number
  readonly engine: {
    readonly compileMsMedian: number
    readonly compileCpuMsMedian: number
    /** CPU time of the per-file validation `compileSources` starts with ÷ the compile's (run 1). */
    readonly validateShare: number | null
    readonly deltaRssBytes: number
    readonly peakRssBytes: number
    readonly serializedBytes: number
    readonly loadToCompile: number
    readonly groups: number
    readonly rewritten: number
  }
  readonly parse: {
    readonly msMedian: number
    readonly cpuMsMedian: number
    readonly engineToParse: number
    readonly engineToParseCpu: number
  }
  readonly yarac: {
    readonly files: number
    readonly rejected: number
    readonly msMedian: number
    readonly cpuMsMedian: number | null
    readonly maxRssBytes: number | null
    readonly compiledBytes: number
    /** Engine compile time ÷ yarac's (> 1: our engine is slower), wall and CPU time. */
    readonly engineToYarac: number
    readonly engineToYaracCpu: number | null
  } | null
}

/** The whole rules part, for bench-results.json. */
export interface RuleCompileBench {
  readonly yarac: string
  readonly sets: readonly RuleCompileResult[]
  readonly allFour: RuleCompileResult | null
  readonly elapsedMs: number
  /** 1-minute load average at the start and the end: other work on the machine skews times. */
  readonly loadAverage: { readonly start: number; readonly end: number }
}

interface SetInput {
  readonly name: string
  readonly sources: RuleSourceRef[]
  readonly indexFiles: number
  readonly rejected: string[]
  readonly yaracKept: readonly RuleSourceRef[] | null
  readonly yaracRejected: number
}

/**
 * Run the rules part. Without `../shared/corpus/rules`: throws (a clear message) when `required`
 * (`--rules-only`), else prints why it is skipped and returns null.
 */
export async function benchRuleCompile(
  required: boolean,
  runsPerSet: number,
): Promise<RuleCompileBench | null> {
  if (!existsSync(join(CORPUS, 'rules'))) {
    if (required)
      throw new Error(
        `The rule-set corpus is missing: ${join(CORPUS, 'rules')} (--rules-only needs ../shared beside the repository)`,
      )
    process.stdout.write(`\n(rule-set corpus not found at ${join(CORPUS, 'rules')}: skipped)\n`)
    return null
  }
  const started = performance.now()
  const startLoad = loadavg()[0] ?? 0
  const classic = yaracAvailable()
  const yaracNote = classic ? '/usr/bin/yarac' : 'missing: /usr/bin/yarac (parse baseline only)'
  process.stdout.write(
    `\nRule sets: compile with our engine module (fresh process per compile), ${runsPerSet} run(s) per set, ` +
      `yarac ${yaracNote}; load average ${fmt(loadavg()[0] ?? 0, 1)} at the start\n`,
  )
  const work = mkdtempSync(join(tmpdir(), 'outpost-rules-bench-'))
  try {
    const sets: RuleCompileResult[] = []
    const inputs: SetInput[] = []
    for (const set of RULE_SETS) {
      const input = setInput(set.name, requireCorpus(set.dir), classic, work)
      const result = await measure(input, runsPerSet, true, work)
      inputs.push({ ...input, rejected: [...result.rejectedByYaraX] })
      sets.push(result)
      printRuleCompileRow(result)
    }
    // One all-four compile costs a little more than the sets' sum (measured: ~1.1×) plus a
    // process start; its yarac and parse baselines need ~20 s more at the end.
    const perRun = 1.1 * sets.reduce((n, s) => n + s.engine.compileMsMedian, 0) + 4000
    const left = BUDGET_MS - 20_000 - (performance.now() - started)
    const allRuns = Math.max(1, Math.min(3, Math.floor(left / perRun)))
    // No validation share here: it would add a whole validation pass, and the sets give it.
    const allFour = await measure(combined(inputs), allRuns, false, work)
    printRuleCompileRow(allFour)
    const elapsedMs = performance.now() - started
    const loadAverage = { start: startLoad, end: loadavg()[0] ?? 0 }
    printRuleCompileFootnotes([...sets, allFour], elapsedMs, loadAverage)
    return { yarac: yaracNote, sets, allFour, elapsedMs, loadAverage }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function setInput(name: string, dir: string, classic: boolean, work: string): SetInput {
  const all = ruleFiles(dir)
  const namespace = sanitiseNamespace(name)
  const sources = all
    .filter((path) => !isIndexFile(path))
    .map((path) => ({ path, displayName: relative(dir, path), namespace }))
  // Which files libyara accepts: the whole set at once, else probed file by file.
  const kept = classic ? compileClassic(sources, work) : null
  return {
    name,
    sources,
    indexFiles: all.length - sources.length,
    rejected: [],
    yaracKept: kept === null ? null : kept.kept,
    yaracRejected: kept === null ? 0 : kept.dropped,
  }
}

/** All four sets in one compile, each in its namespace, without the files each set rejected. */
function combined(inputs: readonly SetInput[]): SetInput {
  const rejected = new Set(inputs.flatMap((i) => i.rejected))
  return {
    name: 'all four together',
    sources: inputs.flatMap((i) => i.sources).filter((s) => !rejected.has(s.path)),
    indexFiles: inputs.reduce((n, i) => n + i.indexFiles, 0),
    rejected: [...rejected],
    yaracKept: inputs.every((i) => i.yaracKept !== null)
      ? inputs.flatMap((i) => i.yaracKept ?? [])
      : null,
    yaracRejected: inputs.reduce((n, i) => n + i.yaracRejected, 0),
  }
}

async function measure(
  input: SetInput,
  runs: number,
  validationShare: boolean,
  work: string,
): Promise<RuleCompileResult> {
  let sources = input.sources.filter((s) => !input.rejected.includes(s.path))
  const rejected = [...input.rejected]
  const engineRuns: Extract<EngineRun, { ok: true }>[] = []
  while (engineRuns.length < runs) {
    const run = await compileInChild(sources, validationShare && engineRuns.length === 0)
    if (run.ok) {
      engineRuns.push(run)
      continue
    }
    // A file yara-x rejects (a known incompatibility): leave it out, say so, measure the rest.
    const bad = new Set(run.rejected)
    const byName = sources.filter((s) => bad.has(s.displayName))
    if (engineRuns.length > 0 || byName.length === 0)
      throw new Error(`${input.name}: the compile failed: ${run.message}`)
    rejected.push(...byName.map((s) => s.path))
    sources = sources.filter((s) => !bad.has(s.displayName))
  }
  const texts = sources.map((s) => ({ ...s, source: readFileSync(s.path, 'utf8') }))
  const parses = Array.from({ length: 3 }, () => parseAll(texts))
  const compileMs = median(engineRuns.map((r) => r.compileMs))
  const compileCpuMs = median(engineRuns.map((r) => r.compileCpuMs))
  const parseMs = median(parses.map((p) => p.ms))
  const parseCpuMs = median(parses.map((p) => p.cpuMs))
  const peaks = engineRuns.map((r) =>
    Math.max(r.hwmBytes ?? 0, r.sampledPeakBytes, r.rssAfterBytes),
  )
  const first = engineRuns[0] as (typeof engineRuns)[number]
  return {
    name: input.name,
    files: sources.length,
    indexFiles: input.indexFiles,
    rejectedByYaraX: rejected,
    rules: parses[0]?.rules ?? 0,
    runs,
    engine: {
      compileMsMedian: compileMs,
      compileCpuMsMedian: compileCpuMs,
      validateShare: first.validateCpuMs === null ? null : first.validateCpuMs / first.compileCpuMs,
      deltaRssBytes: median(engineRuns.map((r, i) => (peaks[i] as number) - r.rssBeforeBytes)),
      peakRssBytes: median(peaks),
      serializedBytes: first.serializedBytes,
      loadToCompile: median(engineRuns.map((r) => r.loadMs / r.compileMs)),
      groups: first.groups,
      rewritten: first.rewritten,
    },
    parse: {
      msMedian: parseMs,
      cpuMsMedian: parseCpuMs,
      engineToParse: compileMs / parseMs,
      engineToParseCpu: compileCpuMs / parseCpuMs,
    },
    yarac: await yaracOf(input, sources, { ms: compileMs, cpuMs: compileCpuMs }, work),
  }
}

/** yarac on the files of the set libyara accepts (and yara-x too), 3 runs; null without yarac. */
async function yaracOf(
  input: SetInput,
  measured: readonly RuleSourceRef[],
  engine: { readonly ms: number; readonly cpuMs: number },
  work: string,
): Promise<RuleCompileResult['yarac']> {
  if (input.yaracKept === null) return null
  const ours = new Set(measured.map((s) => s.path))
  const kept = input.yaracKept.filter((s) => ours.has(s.path))
  const runs: YaracRun[] = []
  for (let i = 0; i < 3; i += 1) runs.push(await runYarac(kept, work))
  if (!runs.every((r) => r.ok)) throw new Error(`${input.name}: yarac failed on files it accepted`)
  const ms = median(runs.map((r) => r.ms))
  const cpu = runs.map((r) => r.cpuMs).filter((c): c is number => c !== null)
  const cpuMs = cpu.length === 0 ? null : median(cpu)
  const rss = runs.map((r) => r.maxRssBytes).filter((b): b is number => b !== null)
  return {
    files: kept.length,
    rejected: input.yaracRejected,
    msMedian: ms,
    cpuMsMedian: cpuMs,
    maxRssBytes: rss.length === 0 ? null : median(rss),
    compiledBytes: runs[0]?.compiledBytes ?? 0,
    engineToYarac: engine.ms / ms,
    // GNU time gives centiseconds: a yarac run under 50 ms of CPU is too coarse to divide by.
    engineToYaracCpu: cpuMs === null || cpuMs < 50 ? null : engine.cpuMs / cpuMs,
  }
}
