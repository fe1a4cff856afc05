/**
 * The folder part of `npm run bench`, for one rule set: page-cache reads, the yara-x engine
 * alone (1 thread, N processes), classic yara -p N, and `outpost scan` with 1, 2 and N processes
 * (the N-process one scanned twice into the same case: the re-scan ratio).
 */
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compileSources } from '../../main/core/engine/yara-engine'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import type { RuleSourceRef } from '../../main/core/scan/child/protocol'
import { ROOT } from '../helpers/launcher'
import type { ClassicResult, MeasureRow, RuleSetResult } from './bench-report'
import { rateOf, toRow } from './bench-report'
import type { ClassicYaraTool } from './classic-yara'
import { compileClassic, runClassic } from './classic-yara'
import type { Measure } from './measures'
import { engineAlone, timed } from './measures'
import { timedScan } from './scan-measure'

/** The folder, its files, and the page-cache read measured once for every rule set. */
export interface FolderInput {
  readonly dir: string
  readonly files: readonly { path: string; size: number }[]
  readonly bytes: number
  readonly read: Measure
}

/** Measure one rule set on the folder. */
export async function benchRuleSet(
  name: string,
  packs: readonly LoadedPack[],
  folder: FolderInput,
  cores: number,
  classicTool: ClassicYaraTool,
): Promise<RuleSetResult> {
  const { files, bytes } = folder
  const measure = (label: string, ms: number): Measure => ({
    name: label,
    files: files.length,
    bytes,
    ms,
  })
  const refs = packs.flatMap((p) => p.sources)
  const { rules } = compileSources(
    refs.map((s) => ({ ...s, source: readFileSync(s.path, 'utf8') })),
  )
  rules.configure({ timeoutMs: 60_000, matchCapPerPattern: 1000 })
  let engineHits = 0
  const engine1 = measure(
    'engine alone, 1 thread (baseline)',
    await timed(() => {
      engineHits = engineAlone(rules, files)
    }),
  )
  const paths = files.map((f) => f.path)
  const engineN =
    cores > 1
      ? measure(`engine alone, ${cores} processes`, await engineAloneParallel(refs, paths, cores))
      : engine1
  const rows: MeasureRow[] = [toRow(folder.read, engine1, null), toRow(engine1, engine1, null)]
  if (engineN !== engine1) rows.push(toRow(engineN, engine1, engineN))

  const classic = await classicYara(classicTool, refs, folder, cores, engineN)
  const sameRules = classic.baseline === engineN
  rows.push(
    ...classic.rows.map((m) =>
      toRow(m, sameRules ? engine1 : null, m === classic.baseline ? null : classic.baseline),
    ),
  )

  const scans = new Map<number, Measure>()
  let rescan: { ratio: number; filesScanned: number } | null = null
  for (const processes of [...new Set([1, Math.min(2, cores), cores])]) {
    const scan = await timedScan(folder.dir, packs, processes, processes === cores)
    if (scan.summary.status !== 'completed' || scan.summary.filesScanned !== files.length) {
      throw new Error(
        `the benchmark scan did not cover the corpus: ${JSON.stringify(scan.summary)}`,
      )
    }
    const m = measure(
      `outpost scan, ${processes} process${processes > 1 ? 'es' : ''} (compile incl.)`,
      scan.ms,
    )
    scans.set(processes, m)
    rows.push(toRow(m, engine1, processes === cores && cores > 1 ? engineN : null))
    if (scan.rescan !== undefined) {
      rescan = { ratio: scan.ms / scan.rescan.ms, filesScanned: scan.rescan.summary.filesScanned }
      rows.push(
        toRow(
          measure(`outpost re-scan, same case, ${processes} proc.`, scan.rescan.ms),
          engine1,
          null,
        ),
      )
    }
  }
  const speedup = (n: number): number | null => {
    const one = scans.get(1)
    const many = scans.get(n)
    return one === undefined || many === undefined || n === 1 ? null : rateOf(many) / rateOf(one)
  }
  const scanN = scans.get(cores) as Measure
  return {
    name,
    measures: rows,
    processes: cores,
    speedup1toN: speedup(cores),
    speedup1to2: speedup(2),
    rescanRatio: rescan?.ratio ?? null,
    rescanFilesScanned: rescan?.filesScanned ?? null,
    classicYara: {
      ...classic.result,
      yaraXHits: engineHits,
      outpostNToClassic: classic.ms === null ? null : classic.ms / scanN.ms,
    },
  }
}

/**
 * Classic yara -p N with the rules libyara accepts; when that is a subset, the yara-x engine
 * alone in N processes is measured again on the same subset for its ratio.
 */
async function classicYara(
  tool: ClassicYaraTool,
  refs: readonly RuleSourceRef[],
  folder: FolderInput,
  cores: number,
  engineN: Measure,
): Promise<{
  rows: Measure[]
  baseline: Measure
  ms: number | null
  result: Omit<ClassicResult, 'outpostNToClassic' | 'yaraXHits'>
}> {
  const empty = {
    threads: cores,
    ruleFiles: refs.length,
    ruleFilesDropped: 0,
    subsetDiffers: false,
    ms: null,
    mibPerS: null,
    filesPerS: null,
    hits: null,
    errorLines: null,
    ratioToEngineN: null,
  }
  if (!('version' in tool)) {
    return {
      rows: [],
      baseline: engineN,
      ms: null,
      result: { available: false, version: null, note: tool.note, ...empty },
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'outpost-bench-yara-'))
  try {
    const compiled = compileClassic(refs, work)
    if (compiled === null) {
      return {
        rows: [],
        baseline: engineN,
        ms: null,
        result: {
          available: false,
          version: tool.version,
          note: 'libyara compiled none of the rule files',
          ...empty,
        },
      }
    }
    const subsetDiffers = compiled.dropped > 0
    const rows: Measure[] = []
    let baseline = engineN
    if (subsetDiffers) {
      baseline = {
        name: `engine alone, ${cores} processes, libyara's ${compiled.kept.length} files`,
        files: folder.files.length,
        bytes: folder.bytes,
        ms: await engineAloneParallel(
          compiled.kept,
          folder.files.map((f) => f.path),
          cores,
        ),
      }
      rows.push(baseline)
    }
    const run = await runClassic(compiled, folder.dir, cores)
    const m: Measure = {
      name: `classic yara ${tool.version} -p ${cores}${subsetDiffers ? ' (subset)' : ''}`,
      files: folder.files.length,
      bytes: folder.bytes,
      ms: run.ms,
    }
    rows.push(m)
    return {
      rows,
      baseline,
      ms: run.ms,
      result: {
        ...empty,
        available: true,
        version: tool.version,
        note: null,
        ruleFilesDropped: compiled.dropped,
        subsetDiffers,
        ms: run.ms,
        mibPerS: rateOf(m),
        filesPerS: m.files / (m.ms / 1000),
        hits: run.hits,
        errorLines: run.errorLines,
        ratioToEngineN: rateOf(m) / rateOf(baseline),
      },
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * The engine alone in `count` processes (compiled before the clock starts), each scanning every
 * `count`-th file: what the machine can do with yara-x and nothing else.
 */
export async function engineAloneParallel(
  sources: readonly RuleSourceRef[],
  files: readonly string[],
  count: number,
): Promise<number> {
  const workers = Array.from({ length: count }, () =>
    fork(join(ROOT, 'test/bench/engine-worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      cwd: ROOT,
    }),
  )
  const message = (worker: ChildProcess, text: string): Promise<void> =>
    new Promise((resolve) => {
      worker.on('message', (m) => {
        if (m === text) resolve()
      })
    })
  const loaded = workers.map((w) => message(w, 'ready'))
  workers.forEach((w, offset) => w.send({ sources, files, offset, stride: count }))
  await Promise.all(loaded)
  return timed(async () => {
    const done = workers.map((w) => message(w, 'done'))
    for (const w of workers) w.send('go')
    await Promise.all(done)
  })
}
