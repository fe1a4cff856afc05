import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../helpers/launcher'

/** Peak resident memory of a scan, its scan processes included. */
export interface MemoryMeasure {
  readonly image: string
  readonly imageBytes: number
  readonly peakRssBytes: number
}

/**
 * Scan an image with the built CLI and sample the resident memory of the CLI and its scan
 * processes every 50 ms (from /proc): the peak of their sum.
 */
export async function peakScanMemory(imagePath: string): Promise<MemoryMeasure> {
  const work = mkdtempSync(join(tmpdir(), 'outpost-bench-mem-'))
  try {
    const rules = join(work, 'r.yar')
    writeFileSync(rules, 'rule Marker { strings: $m = "OUTPOST-TEST-MARKER" condition: $m }\n')
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'out/main/cli.js'),
        'scan',
        imagePath,
        '--case',
        join(work, 'c.outpost'),
        '--rules',
        rules,
      ],
      {
        stdio: 'ignore',
      },
    )
    let peak = 0
    const timer = setInterval(() => {
      peak = Math.max(peak, treeRss(child.pid ?? -1))
    }, 50)
    await new Promise((resolve) => child.once('exit', resolve))
    clearInterval(timer)
    return { image: imagePath, imageBytes: statSync(imagePath).size, peakRssBytes: peak }
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
