import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ScanSummary } from '../../main/core/model/scan'
import { ROOT } from '../helpers/launcher'

/** Peak resident memory of a scan, its scan processes included. */
export interface MemoryMeasure {
  readonly image: string
  readonly imageBytes: number
  readonly peakRssBytes: number
  readonly ms: number
  readonly exitCode: number | null
  /** The scan summary the CLI printed (`--json`), when it printed one. */
  readonly summary: ScanSummary | null
}

/** How to scan: a marker rule (default), the default pack (`'default'`), and the processes. */
export interface MemoryScanOptions {
  readonly rules?: 'marker' | 'default'
  readonly processes?: number
}

/**
 * Scan a file or an image with the built CLI (`outpost scan <path> --case … --json`) and sample
 * the resident memory of the CLI and its scan processes every 50 ms (from /proc): the peak of
 * their sum.
 */
export async function peakScanMemory(
  path: string,
  options: MemoryScanOptions = {},
): Promise<MemoryMeasure> {
  const work = mkdtempSync(join(tmpdir(), 'outpost-bench-mem-'))
  try {
    const rules = join(work, 'r.yar')
    writeFileSync(rules, 'rule Marker { strings: $m = "OUTPOST-TEST-MARKER" condition: $m }\n')
    const args = [join(ROOT, 'out/main/cli.js'), 'scan', path, '--case', join(work, 'c.outpost')]
    if ((options.rules ?? 'marker') === 'marker') args.push('--rules', rules)
    if (options.processes !== undefined) args.push('--processes', String(options.processes))
    args.push('--json')
    const started = performance.now()
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
    })
    let peak = 0
    const timer = setInterval(() => {
      peak = Math.max(peak, treeRss(child.pid ?? -1))
    }, 50)
    const exitCode = await new Promise<number | null>((resolve) => child.once('close', resolve))
    clearInterval(timer)
    let summary: ScanSummary | null = null
    try {
      summary = (JSON.parse(out) as { scan: ScanSummary }).scan
    } catch {
      // No JSON: the exit code says why.
    }
    return {
      image: path,
      imageBytes: statSync(path).size,
      peakRssBytes: peak,
      ms: performance.now() - started,
      exitCode,
      summary,
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** RSS in bytes of a process and its children (one level: the scan processes). */
function treeRss(pid: number): number {
  let total = rss(pid)
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) total += rss(Number(entry))
    } catch {
      // Gone meanwhile.
    }
  }
  return total
}

function rss(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'))
    return Number(line?.replace(/\D+/g, '') ?? 0) * 1024
  } catch {
    return 0
  }
}
