import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, relative } from 'node:path'

/** One benchmark corpus: its folder and what is in it. */
export interface BenchCorpus {
  readonly dir: string
  readonly files: number
  readonly bytes: number
}

const TARGET_BYTES = 1024 * 1024 * 1024
const MAX_FILE_BYTES = 64 * 1024 * 1024
const SOURCES = ['/usr/lib', '/usr/share', '/usr/bin']

/**
 * A ~1 GiB folder of mixed real files (shared libraries, executables, Python and other text,
 * compressed data), copied once from the system into a cache outside the repository
 * (`$OUTPOST_BENCH_DIR`, default `~/.cache/outpost-bench`) and reused by later runs.
 */
export function ensureBenchCorpus(): BenchCorpus {
  const base = process.env['OUTPOST_BENCH_DIR'] ?? join(homedir(), '.cache', 'outpost-bench')
  const dir = join(base, 'corpus-v1')
  const stamp = join(base, 'corpus-v1.json')
  if (existsSync(stamp))
    return { dir, ...(JSON.parse(readText(stamp)) as { files: number; bytes: number }) }
  rmSync(dir, { recursive: true, force: true })
  let bytes = 0
  let files = 0
  for (const source of SOURCES) {
    for (const file of regularFiles(source)) {
      if (bytes >= TARGET_BYTES) break
      const size = lstatSync(file).size
      if (size === 0 || size > MAX_FILE_BYTES) continue
      const target = join(dir, source.replaceAll('/', '_'), relative(source, file))
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
  writeFileSync(stamp, JSON.stringify({ files, bytes }))
  return { dir, files, bytes }
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
