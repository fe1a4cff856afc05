import { closeSync, constants, openSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { CompiledRules } from '../../main/core/engine/yara-engine'

/** One measured run: how much it did and how long it took. */
export interface Measure {
  readonly name: string
  readonly files: number
  readonly bytes: number
  readonly ms: number
}

/** Every regular file under `dir` with its size, sorted (links skipped, as the scanner does). */
export function listFiles(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort()
    .map((path) => ({ path, size: statSync(path).size }))
}

/** Time `fn` in milliseconds. */
export async function timed(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** Read every file once (from the page cache when warm): the I/O ceiling. */
export function readAll(files: readonly { path: string }[]): number {
  let bytes = 0
  const noAtime = (constants as { O_NOATIME?: number }).O_NOATIME ?? 0
  for (const file of files) {
    const fd = openSync(file.path, constants.O_RDONLY | noAtime)
    try {
      bytes += readFileSync(fd).length
    } finally {
      closeSync(fd)
    }
  }
  return bytes
}

/** The engine alone: read each file and scan it in this thread, externals as the scanner sets them. */
export function engineAlone(rules: CompiledRules, files: readonly { path: string }[]): number {
  let matches = 0
  for (const file of files) {
    const data = readFileSync(file.path)
    matches += rules.scan(data, {
      filename: basename(file.path),
      filepath: dirname(file.path),
      extension: extname(file.path).toLowerCase(),
      owner: 'root',
      filetype: '',
      md5: '',
    }).matches.length
  }
  return matches
}

/** `1234.5` → `1,234.5`. */
export function fmt(value: number, digits = 1): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}
