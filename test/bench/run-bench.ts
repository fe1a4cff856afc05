/**
 * `npm run bench`: throughput of `outpost scan` beside baselines measured in the same run, on a
 * ~1 GiB folder of mixed real files. It prints rates and **ratios to the engine alone**
 * (yara-x in one thread reading the same files), never bare timings.
 *
 * Rule sets: the default pack, and signature-base when ../shared/corpus is beside the repo.
 * `--images-only` / `--filesystems-only` run only the disk-image / file-system part (with
 * `node --import tsx test/bench/run-bench.ts` after a build).
 */
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, relative } from 'node:path'
import { compileSources } from '../../main/core/engine/yara-engine'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import type { RuleSourceRef } from '../../main/core/scan/child/protocol'
import { loadRulePack } from '../../main/core/rules/load-pack'
import { ROOT } from '../helpers/launcher'
import { ensureBenchCorpus } from './bench-corpus'
import { benchContainers } from './container-bench'
import { benchFileSystems } from './filesystem-bench'
import type { ContainerMeasure } from './container-bench'
import { peakScanMemory } from './image-memory'
import { timedScan } from './scan-measure'
import type { Measure } from './measures'
import { engineAlone, fmt, listFiles, readAll, timed } from './measures'

const MIB = 1024 * 1024

async function main(): Promise<void> {
  const only = process.argv.find((arg) => arg.endsWith('-only'))
  if (only === undefined) await folderBench()
  if (only === undefined || only === '--images-only') await imageBench(ensureBenchCorpus().dir)
  const images = join(ROOT, '..', 'shared', 'corpus', 'images')
  await benchFileSystems(
    ensureBenchCorpus().dir,
    existsSync(images) ? images : null,
    [await loadRulePack(join(ROOT, 'rules'), 'bundled')],
    availableParallelism(),
  )
}

async function folderBench(): Promise<void> {
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
    const cores = availableParallelism()
    if (cores > 1) {
      results.push({
        name: `engine alone, ${cores} processes`,
        files: files.length,
        bytes,
        ms: await engineAloneParallel(
          packSet.packs.flatMap((p) => p.sources),
          files.map((f) => f.path),
          cores,
        ),
      })
    }
    for (const processes of [1, cores]) {
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
  const { ms, summary } = await timedScan(dir, packs, processes)
  if (summary.status !== 'completed' || summary.filesScanned !== files) {
    throw new Error(`the benchmark scan did not cover the corpus: ${JSON.stringify(summary)}`)
  }
  return {
    name: `outpost scan, ${processes} process${processes > 1 ? 'es' : ''} (compile incl.)`,
    files,
    bytes,
    ms,
  }
}

/**
 * The engine alone in `count` processes (compiled before the clock starts), each scanning every
 * `count`-th file: what the machine can do with yara-x and nothing else.
 */
async function engineAloneParallel(
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

/**
 * Disk images (needs ../shared/corpus): each container reader's throughput as a ratio to plain
 * reads of the same media stored raw, and the peak memory of a scan of the largest image.
 */
async function imageBench(corpusDir: string): Promise<void> {
  const { measures, skipped } = await benchContainers(corpusDir)
  const rate = (m: ContainerMeasure): number => m.bytes / MIB / (m.ms / 1000)
  const plain = measures[0] as ContainerMeasure
  process.stdout.write(
    '\nContainer readers, 256 MiB of media (sequential 1 MiB reads, page cache warm)\n',
  )
  for (const m of measures) {
    process.stdout.write(
      `${m.name.padEnd(44)} ${fmt(rate(m)).padStart(9)} MiB/s  ×plain ${fmt(rate(m) / rate(plain), 2).padStart(6)}\n`,
    )
  }
  for (const note of skipped) process.stdout.write(`skipped: ${note}\n`)
  const images = join(ROOT, '..', 'shared', 'corpus', 'images')
  if (!existsSync(images)) {
    process.stdout.write('\n(disk-image corpus not found: peak-memory measure skipped)\n')
    return
  }
  // The largest media the corpus holds in a form the scanner opens directly (not gzipped).
  const largest = readdirSync(images)
    .filter((name) => name.endsWith('.json'))
    .map(
      (name) =>
        JSON.parse(readFileSync(join(images, name), 'utf8')) as {
          image: string
          stored_as: string
          media_size: number
        },
    )
    .filter((oracle) => oracle.stored_as !== 'gzip')
    .sort((a, b) => b.media_size - a.media_size)[0]
  if (largest === undefined) return
  const memory = await peakScanMemory(join(images, largest.image))
  process.stdout.write(
    `\nPeak memory scanning ${largest.image} (${fmt(largest.media_size / MIB)} MiB of media; CLI + scan processes): ` +
      `${fmt(memory.peakRssBytes / MIB)} MiB RSS\n`,
  )
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

/**
 * The table: rates, the ratio to the engine alone in one thread, and the ratio to the engine
 * alone with as many processes (the fair comparison for a parallel scan on this machine).
 */
function report(title: string, results: readonly Measure[]): void {
  const rate = (m: Measure): number => m.bytes / MIB / (m.ms / 1000)
  const single = results.find((r) => r.name.includes('baseline'))!
  const parallel = results.find((r) => r.name.startsWith('engine alone,') && r !== single) ?? single
  process.stdout.write(`\nRules: ${title}\n`)
  process.stdout.write(
    `${'measure'.padEnd(44)} ${'files/s'.padStart(9)} ${'MiB/s'.padStart(8)}  ${'×engine(1)'.padStart(10)}  ${'×engine(N)'.padStart(10)}\n`,
  )
  for (const m of results) {
    const isParallel = /\d+ processes/.test(m.name)
    const versus = isParallel ? fmt(rate(m) / rate(parallel), 2) : ''
    process.stdout.write(
      `${m.name.padEnd(44)} ${fmt(m.files / (m.ms / 1000)).padStart(9)} ${fmt(rate(m)).padStart(8)}  ` +
        `${fmt(rate(m) / rate(single), 2).padStart(10)}  ${versus.padStart(10)}\n`,
    )
  }
}

await main()
