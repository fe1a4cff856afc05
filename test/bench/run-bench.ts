/**
 * `npm run bench`: throughput of `outpost scan` beside baselines measured in the same run, on a
 * ~1 GiB folder of mixed files (system binaries and text, random data, archives). It prints rates
 * and **ratios** (to the yara-x engine alone, to classic yara, 1→N processes, first scan to
 * re-scan), the peak memory of a scan of one 4 GiB file, disk-image and file-system readers, then
 * the scale issue's targets; everything also goes to `bench-results.json` at the repository root.
 *
 * Rule sets: the default pack, and signature-base when ../shared/corpus is beside the repo.
 * `BENCH_QUICK=1 npm run bench` (or `npm run bench -- --quick`): a ~64 MiB corpus and a 512 MiB
 * big file, a smoke test of the whole path in minutes. `--images-only` / `--filesystems-only` /
 * `--share-only` (report bundles of 10,000 findings) run only that part (with
 * `node --import tsx test/bench/run-bench.ts` after a build). `--rules-only`: compile time and
 * memory of the real-world rule sets of ../shared/corpus/rules (rule-set-bench.ts; fails without
 * the corpus, where the full run skips that part). `--workbench-only`: the workbench on a
 * generated case of 100,000 findings in Chromium (workbench-bench.ts; 10,000 with --quick).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { join, relative } from 'node:path'
import { isDiskImage } from '../../main/core/evidence/image-layout'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import { loadRulePack } from '../../main/core/rules/load-pack'
import { ROOT } from '../helpers/launcher'
import { ensureBenchCorpus, ensureBigFile, isQuick } from './bench-corpus'
import type { BigFileResult, RuleSetResult } from './bench-report'
import { printBigFile, printRuleSet, printTargets, targetsOf, writeResults } from './bench-report'
import { ensureClassicYara } from './classic-yara'
import { benchContainers } from './container-bench'
import type { ContainerMeasure } from './container-bench'
import { benchFileSystems } from './filesystem-bench'
import type { FileSystemResults } from './filesystem-bench'
import { benchRuleSet } from './folder-bench'
import { peakScanMemory } from './image-memory'
import { benchRuleCompile } from './rule-set-bench'
import { benchShare } from './share-bench'
import { benchWorkbench } from './workbench-bench'
import { fmt, listFiles, readAll, timed } from './measures'

const MIB = 1024 * 1024

async function main(): Promise<void> {
  const quick = isQuick()
  const only = process.argv.find((arg) => arg.endsWith('-only'))
  const cores = availableParallelism()
  if (only === '--share-only') {
    const share = await benchShare(quick ? 1000 : 10_000, cores)
    const path = writeResults({
      quick,
      machine: { cores },
      corpus: {},
      ruleSets: [],
      bigFile: null,
      images: null,
      filesystems: null,
      share,
      targets: [],
    })
    process.stdout.write(`\nResults: ${relative(process.cwd(), path) || path}\n`)
    return
  }
  if (only === '--workbench-only') {
    const workbench = await benchWorkbench(quick ? 10_000 : 100_000)
    const path = writeResults({
      quick,
      machine: { cores },
      corpus: {},
      ruleSets: [],
      bigFile: null,
      images: null,
      filesystems: null,
      share: null,
      workbench,
      targets: [],
    })
    process.stdout.write(`\nResults: ${relative(process.cwd(), path) || path}\n`)
    return
  }
  if (only === '--rules-only') {
    const ruleCompile = await benchRuleCompile(true, quick ? 1 : 3)
    const path = writeResults({
      quick,
      machine: { cores, yaraXBinding: bindingVersion() },
      corpus: {},
      ruleSets: [],
      bigFile: null,
      images: null,
      filesystems: null,
      share: null,
      ruleCompile,
      targets: [],
    })
    process.stdout.write(`\nResults: ${relative(process.cwd(), path) || path}\n`)
    return
  }
  const corpus = ensureBenchCorpus(quick)
  const classic = only === undefined ? ensureClassicYara() : { note: 'not run' }
  const machine = {
    cores,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    yaraXBinding: bindingVersion(),
    classicYara: 'version' in classic ? classic.version : `unavailable: ${classic.note}`,
  }
  process.stdout.write(
    `${quick ? 'QUICK MODE (smoke test, small corpus): ' : ''}${cores} cores, ${machine.cpuModel}, ` +
      `node ${machine.node}, yara-x binding ${machine.yaraXBinding}, classic yara ${machine.classicYara}\n`,
  )
  const ruleSets: RuleSetResult[] = []
  let bigFile: BigFileResult | null = null
  if (only === undefined) {
    const files = listFiles(corpus.dir)
    const bytes = files.reduce((n, f) => n + f.size, 0)
    process.stdout.write(
      `Corpus: ${files.length} files, ${fmt(bytes / MIB, 0)} MiB in ${corpus.dir} ` +
        `(${Object.entries(corpus.kinds)
          .map(([kind, k]) => `${kind} ${k.files} files ${fmt(k.bytes / MIB, 0)} MiB`)
          .join(', ')})\n`,
    )
    readAll(files) // warm the page cache
    const read = {
      name: 'read all files (page cache)',
      files: files.length,
      bytes,
      ms: await timed(() => readAll(files)),
    }
    for (const set of await rulePacks()) {
      const result = await benchRuleSet(
        set.name,
        set.packs,
        { dir: corpus.dir, files, bytes, read },
        cores,
        classic,
      )
      printRuleSet(result)
      ruleSets.push(result)
    }
    bigFile = await bigFileBench(quick)
    printBigFile(bigFile)
  }
  const images =
    only === undefined || only === '--images-only' ? await imageBench(corpus.dir, quick) : null
  const shared = join(ROOT, '..', 'shared', 'corpus', 'images')
  const filesystems: FileSystemResults | null =
    only === undefined || only === '--filesystems-only'
      ? await benchFileSystems(
          corpus.dir,
          existsSync(shared) ? shared : null,
          [await loadRulePack(join(ROOT, 'rules'), 'bundled')],
          cores,
          quick ? 24 * MIB : 256 * MIB,
        )
      : null
  const share =
    only === undefined || only === '--share-only'
      ? await benchShare(quick ? 1000 : 10_000, cores)
      : null
  const ruleCompile = only === undefined ? await benchRuleCompile(false, quick ? 1 : 3) : null
  const workbench = only === undefined ? await benchWorkbench(quick ? 10_000 : 100_000) : null
  const targets = targetsOf(ruleSets, bigFile)
  if (targets.length > 0) printTargets(targets, quick)
  const path = writeResults({
    quick,
    machine,
    corpus: { dir: corpus.dir, files: corpus.files, bytes: corpus.bytes, kinds: corpus.kinds },
    ruleSets,
    bigFile,
    images,
    filesystems,
    share,
    ruleCompile,
    workbench,
    targets,
  })
  process.stdout.write(`\nResults: ${relative(process.cwd(), path) || path}\n`)
}

function bindingVersion(): string {
  try {
    const pkg = join(ROOT, 'node_modules', '@litko', 'yara-x-linux-x64-gnu', 'package.json')
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** The single big file scanned by the CLI with the default pack, 1 process: its peak RSS. */
async function bigFileBench(quick: boolean): Promise<BigFileResult> {
  const big = ensureBigFile(quick)
  const notes: string[] = []
  if (quick) notes.push(`quick mode: a ${fmt(big.bytes / MIB, 0)} MiB file, not 4 GiB`)
  if (await isDiskImage(big.path)) notes.push('the file was taken for a disk image')
  const m = await peakScanMemory(big.path, { rules: 'default', processes: 1 })
  const coverage = { ...(m.summary?.coverage ?? {}) } as Record<string, number>
  if ((coverage['too-large'] ?? 0) > 0)
    notes.push('scanned as too-large (hashed only, not given to YARA): no block mode in this build')
  else if ((coverage['block-mode'] ?? 0) > 0) notes.push('scanned in block mode')
  if (m.summary === null) notes.push(`the CLI printed no summary (exit code ${m.exitCode})`)
  else if (m.summary.findingCount === 0 && coverage['too-large'] === undefined)
    notes.push(`the ${big.plantedAt.length} planted strings gave no finding`)
  return {
    path: big.path,
    bytes: big.bytes,
    peakRssBytes: m.peakRssBytes,
    mibPerS: big.bytes / MIB / (m.ms / 1000),
    status: m.summary?.status ?? null,
    coverage,
    findings: m.summary?.findingCount ?? null,
    exitCode: m.exitCode,
    notes,
  }
}

/**
 * Disk images: each container reader's throughput as a ratio to plain reads of the same media
 * stored raw, and (needs ../shared/corpus) the peak memory of a scan of the largest image.
 */
async function imageBench(corpusDir: string, quick: boolean): Promise<unknown> {
  const mediaBytes = quick ? 32 * MIB : 256 * MIB
  const { measures, skipped } = await benchContainers(corpusDir, mediaBytes)
  const rate = (m: ContainerMeasure): number => m.bytes / MIB / (m.ms / 1000)
  const plain = measures[0] as ContainerMeasure
  process.stdout.write(
    `\nContainer readers, ${mediaBytes / MIB} MiB of media (sequential 1 MiB reads, page cache warm)\n`,
  )
  for (const m of measures) {
    process.stdout.write(
      `${m.name.padEnd(44)} ${fmt(rate(m)).padStart(9)} MiB/s  ×plain ${fmt(rate(m) / rate(plain), 2).padStart(6)}\n`,
    )
  }
  for (const note of skipped) process.stdout.write(`skipped: ${note}\n`)
  const containers = measures.map((m) => ({
    name: m.name,
    bytes: m.bytes,
    mibPerS: rate(m),
    ratioToPlain: rate(m) / rate(plain),
  }))
  const images = join(ROOT, '..', 'shared', 'corpus', 'images')
  if (!existsSync(images)) {
    process.stdout.write('\n(disk-image corpus not found: peak-memory measure skipped)\n')
    return { containers, skipped, peakMemory: null }
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
  if (largest === undefined) return { containers, skipped, peakMemory: null }
  const memory = await peakScanMemory(join(images, largest.image))
  process.stdout.write(
    `\nPeak memory scanning ${largest.image} (${fmt(largest.media_size / MIB)} MiB of media; CLI + scan processes): ` +
      `${fmt(memory.peakRssBytes / MIB)} MiB RSS\n`,
  )
  return {
    containers,
    skipped,
    peakMemory: {
      image: largest.image,
      mediaBytes: largest.media_size,
      peakRssBytes: memory.peakRssBytes,
    },
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

await main()
