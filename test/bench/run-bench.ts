/**
 * `npm run bench`: throughput of `outpost scan` beside baselines measured in the same run, on a
 * ~1 GiB folder of mixed real files. It prints rates and **ratios to the engine alone**
 * (yara-x in one thread reading the same files), never bare timings.
 *
 * Rule sets: the default pack, and signature-base when ../shared/corpus is beside the repo.
 */
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, relative } from 'node:path'
import { createCase } from '../../main/core/case/case-file'
import { compileSources } from '../../main/core/engine/yara-engine'
import { addEvidence } from '../../main/core/evidence/add-evidence'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import { loadRulePack } from '../../main/core/rules/load-pack'
import { defaultScanLimits } from '../../main/core/scan/default-limits'
import { runScan } from '../../main/core/scan/run-scan'
import { createNodeChildLauncher } from '../../main/core/scan/child/node-child-launcher'
import { ROOT } from '../helpers/launcher'
import { ensureBenchCorpus } from './bench-corpus'
import type { Measure } from './measures'
import { engineAlone, fmt, listFiles, readAll, timed } from './measures'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'

const MIB = 1024 * 1024

async function main(): Promise<void> {
  const corpus = ensureBenchCorpus()
  const files = listFiles(corpus.dir)
  const bytes = files.reduce((n, f) => n + f.size, 0)
  process.stdout.write(
    `Corpus: ${files.length} files, ${fmt(bytes / MIB, 0)} MiB in ${corpus.dir}\n`,
  )
  readAll(files) // warm the page cache
  const read = await timed(() => readAll(files))
  for (const packSet of await rulePacks()) {
    const results: Measure[] = [
      { name: 'read all files (page cache)', files: files.length, bytes, ms: read },
    ]
    const sources = packSet.packs.flatMap((p) =>
      p.sources.map((s) => ({ ...s, source: readFileSync(s.path, 'utf8') })),
    )
    const { rules } = compileSources(sources)
    rules.configure({ timeoutMs: 60_000, matchCapPerPattern: 1000 })
    results.push({
      name: 'engine alone, 1 thread (baseline)',
      files: files.length,
      bytes,
      ms: await timed(() => engineAlone(rules, files)),
    })
    for (const processes of [1, availableParallelism()]) {
      results.push(await outpostScan(corpus.dir, packSet.packs, processes, files.length, bytes))
    }
    report(packSet.name, results)
  }
}

async function outpostScan(
  dir: string,
  packs: readonly LoadedPack[],
  processes: number,
  files: number,
  bytes: number,
): Promise<Measure> {
  const work = mkdtempSync(join(tmpdir(), 'outpost-bench-'))
  try {
    const handle = createCase(join(work, 'bench.outpost'), {
      name: 'bench',
      examiner: 'bench',
      appVersion: 'bench',
    })
    const evidence = addEvidence(handle, { path: dir, examiner: 'bench' })
    const cacheDir = join(work, 'cache')
    let summary: Awaited<ReturnType<typeof runScan>> | undefined
    const ms = await timed(async () => {
      summary = await runScan({
        db: handle.db,
        caseUuid: handle.info.uuid,
        examiner: 'bench',
        appVersion: 'bench',
        evidence: [evidence],
        packs,
        limits: { ...defaultScanLimits(), processes },
        launcher: createNodeChildLauncher({ path: join(ROOT, 'out/main/scan-child.js') }),
        cacheDir,
      })
    })
    if (summary?.status !== 'completed' || summary.filesScanned !== files) {
      throw new Error(`the benchmark scan did not cover the corpus: ${JSON.stringify(summary)}`)
    }
    return {
      name: `outpost scan, ${processes} process${processes > 1 ? 'es' : ''} (compile incl.)`,
      files,
      bytes,
      ms,
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

async function rulePacks(): Promise<{ name: string; packs: LoadedPack[] }[]> {
  const sets = [
    {
      name: 'default pack (outpost-default)',
      packs: [await loadRulePack(join(ROOT, 'rules'), 'bundled')],
    },
  ]
  const sigbase = join(ROOT, '..', 'shared', 'corpus', 'rules', 'signature-base', 'yara')
  if (existsSync(sigbase))
    sets.push({ name: 'signature-base (corpus)', packs: [await loadRulePack(sigbase, 'local')] })
  else
    process.stdout.write(
      `(signature-base not found at ${relative(ROOT, sigbase)}: default pack only)\n`,
    )
  return sets
}

function report(title: string, results: readonly Measure[]): void {
  const baseline = results.find((r) => r.name.includes('baseline'))!
  const rate = (m: Measure): number => m.bytes / MIB / (m.ms / 1000)
  process.stdout.write(`\nRules: ${title}\n`)
  process.stdout.write(
    `${'measure'.padEnd(44)} ${'files/s'.padStart(9)} ${'MiB/s'.padStart(8)}  ×engine-alone\n`,
  )
  for (const m of results) {
    const filesPerSecond = m.files / (m.ms / 1000)
    process.stdout.write(
      `${m.name.padEnd(44)} ${fmt(filesPerSecond).padStart(9)} ${fmt(rate(m)).padStart(8)}  ${fmt(rate(m) / rate(baseline), 2).padStart(6)}\n`,
    )
  }
}

await main()
