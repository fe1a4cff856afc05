import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import type { ArchiveMember, BigFile } from './bench-data'
import { gzipOf, pseudoRandom, randomFileSizes, tarOf, writeBigFile, zipOf } from './bench-data'

/** One benchmark corpus: its folder and what is in it. */
export interface BenchCorpus {
  readonly dir: string
  readonly files: number
  readonly bytes: number
  /** Bytes per kind: system files (binaries, libraries, text), random data, archives. */
  readonly kinds: Readonly<
    Record<'system' | 'random' | 'archives', { files: number; bytes: number }>
  >
}

const MIB = 1024 * 1024
/** Where the system files come from, and each source's share of their budget. */
const SOURCES = [
  { dir: '/usr/lib', share: 0.5 },
  { dir: '/usr/share', share: 0.3 },
  { dir: '/usr/bin', share: 0.2 },
]

/** `BENCH_QUICK=1` or `--quick`: a ~64 MiB corpus and a 512 MiB big file (smoke test). */
export function isQuick(): boolean {
  return process.env['BENCH_QUICK'] === '1' || process.argv.includes('--quick')
}

/** Where the bench keeps what it builds, outside the repository. */
export function benchCacheDir(): string {
  return process.env['OUTPOST_BENCH_DIR'] ?? join(homedir(), '.cache', 'outpost-bench')
}

/**
 * A folder of mixed files built once into the bench cache and reused by later runs: ~1 GiB
 * (quick: ~64 MiB). 3/4 real system files from /usr/lib, /usr/share and /usr/bin (shared
 * libraries, executables, Python and other text, compressed data), 1/8 pseudo-random files,
 * 1/8 zip/gzip/tar/tar.gz archives of those system files. The generated parts are
 * deterministic (fixed seeds and times).
 */
export function ensureBenchCorpus(quick = isQuick()): BenchCorpus {
  const base = benchCacheDir()
  const name = quick ? 'corpus-quick-v3' : 'corpus-v3'
  const dir = join(base, name)
  const stamp = join(base, `${name}.json`)
  if (existsSync(stamp))
    return { dir, ...(JSON.parse(readText(stamp)) as Omit<BenchCorpus, 'dir'>) }
  const target = quick ? 64 * MIB : 1024 * MIB
  const partial = `${dir}.partial`
  rmSync(partial, { recursive: true, force: true })
  const system = copySystemFiles(
    join(partial, 'system'),
    (target * 3) / 4,
    quick ? 8 * MIB : 64 * MIB,
  )
  const random = { files: 0, bytes: 0 }
  randomFileSizes(target / 8).forEach((size, i) => {
    const path = join(partial, 'random', `r${String(i).padStart(4, '0')}.bin`)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, pseudoRandom(`random-${i}`, size))
    random.files += 1
    random.bytes += size
  })
  const archives = writeArchives(join(partial, 'system'), join(partial, 'archives'), target / 8)
  rmSync(dir, { recursive: true, force: true })
  renameSync(partial, dir)
  const kinds = { system, random, archives }
  const info = {
    files: system.files + random.files + archives.files,
    bytes: system.bytes + random.bytes + archives.bytes,
    kinds,
  }
  writeFileSync(stamp, JSON.stringify(info))
  return { dir, ...info }
}

/** The single big file of the memory measure (4 GiB; quick: 512 MiB), built once. */
export function ensureBigFile(quick = isQuick()): BigFile {
  const bytes = quick ? 512 * MIB : 4096 * MIB
  const path = join(benchCacheDir(), `bigfile-v1-${bytes / MIB}MiB.bin`)
  if (existsSync(`${path}.json`) && existsSync(path) && statSync(path).size === bytes) {
    return { path, ...(JSON.parse(readText(`${path}.json`)) as Omit<BigFile, 'path'>) }
  }
  mkdirSync(dirname(path), { recursive: true })
  return writeBigFile(path, bytes)
}

function copySystemFiles(
  into: string,
  budget: number,
  maxFile: number,
): { files: number; bytes: number } {
  let bytes = 0
  let files = 0
  let allowed = 0
  for (const { dir: source, share } of SOURCES) {
    allowed += budget * share // what one source leaves unused goes to the next
    for (const file of regularFiles(source)) {
      if (bytes >= allowed) break
      const size = lstatSync(file).size
      if (size === 0 || size > maxFile) continue
      const target = join(into, source.replaceAll('/', '_'), relative(source, file))
      mkdirSync(dirname(target), { recursive: true })
      try {
        copyFileSync(file, target)
      } catch {
        continue
      }
      bytes += size
      files += 1
    }
  }
  return { files, bytes }
}

/**
 * Archives of the system files just copied (taken in order, every 7th, up to ~1 MiB per
 * archive), cycling zip, gzip, tar and tar.gz until `budget` bytes are written.
 */
function writeArchives(
  systemDir: string,
  into: string,
  budget: number,
): { files: number; bytes: number } {
  mkdirSync(into, { recursive: true })
  const sources = [...regularFiles(systemDir)].filter((_, i) => i % 7 === 3)
  let bytes = 0
  let files = 0
  let next = 0
  for (let n = 0; bytes < budget && sources.length > 0; n += 1) {
    const members: ArchiveMember[] = []
    let size = 0
    while (size < MIB && (members.length === 0 || n % 4 !== 1)) {
      const path = sources[next % sources.length] as string
      next += 1
      const data = readFileSync(path)
      members.push({ name: relative(systemDir, path), data })
      size += data.length
    }
    const kind = ['zip', 'gz', 'tar', 'tar.gz'][n % 4] as string
    const first = members[0] as ArchiveMember
    const data =
      kind === 'zip'
        ? zipOf(members)
        : kind === 'gz'
          ? gzipOf(first.data)
          : kind === 'tar'
            ? tarOf(members)
            : gzipOf(tarOf(members))
    writeFileSync(join(into, `a${String(n).padStart(4, '0')}.${kind}`), data)
    bytes += data.length
    files += 1
  }
  return { files, bytes }
}

function* regularFiles(root: string): Generator<string> {
  let names: string[]
  try {
    names = readdirSync(root).sort()
  } catch {
    return
  }
  for (const name of names) {
    const path = join(root, name)
    let stats
    try {
      stats = lstatSync(path)
    } catch {
      continue
    }
    if (stats.isDirectory()) yield* regularFiles(path)
    else if (stats.isFile()) yield path
  }
}

function readText(path: string): string {
  return readFileSync(path, 'utf8')
}
