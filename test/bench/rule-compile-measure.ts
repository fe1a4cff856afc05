/**
 * The single measures of the rule-compile benchmark: our engine module compiling in a fresh
 * process (time, memory, serialized size, load time), Debian's `yarac` on the same files (time
 * and max RSS), and our own parser over the same sources in this process.
 */
import { fork, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { FILE_EXTERNALS } from '../../main/core/engine/yara-engine'
import { parseYaraSource } from '../../main/core/rules/yara-source-parser'
import type { RuleSourceRef } from '../../main/core/scan/child/protocol'
import { ROOT } from '../helpers/launcher'
import type { CompileJob, CompileReport } from './rule-compile-worker'

/** Debian's classic compiler: the brief names this path, and the bench never installs it. */
export const YARAC = '/usr/bin/yarac'
const GNU_TIME = '/usr/bin/time'

/** One engine compile in a fresh process, with the child's RSS sampled from here meanwhile. */
export type EngineRun = CompileReport & { readonly sampledPeakBytes: number }

/** `VmRSS` of another process, in bytes; null when it is gone. */
function residentOf(pid: number): number | null {
  try {
    const kib = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kib === undefined ? null : Number(kib) * 1024
  } catch {
    return null
  }
}

/**
 * Compile `sources` with `compileSources` in a fresh `node --import tsx` process. The compile is
 * synchronous there, so its RSS is sampled from this process every 20 ms (the worker also
 * reports its own VmHWM, the exact peak).
 */
export function compileInChild(
  sources: readonly RuleSourceRef[],
  measureValidation: boolean,
): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    const child = fork(join(ROOT, 'test/bench/rule-compile-worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      cwd: ROOT,
    })
    let sampledPeakBytes = 0
    let sampler: NodeJS.Timeout | undefined
    let report: CompileReport | undefined
    child.on('message', (message: unknown) => {
      if (message === 'compiling') {
        sampler = setInterval(() => {
          const rss = child.pid === undefined ? null : residentOf(child.pid)
          if (rss !== null) sampledPeakBytes = Math.max(sampledPeakBytes, rss)
        }, 20)
      } else report = message as CompileReport
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      clearInterval(sampler)
      if (report === undefined)
        reject(new Error(`the rule-compile worker exited with ${String(code)} and no report`))
      else resolve({ ...report, sampledPeakBytes })
    })
    const job: CompileJob = { sources, measureValidation }
    child.send(job)
  })
}

/** One timed `yarac` run: milliseconds, CPU and max RSS (GNU time), the compiled file's size. */
export interface YaracRun {
  readonly ok: boolean
  readonly ms: number
  readonly cpuMs: number | null
  readonly maxRssBytes: number | null
  readonly compiledBytes: number
}

/** `yarac` exists where the brief says, runnable. */
export function yaracAvailable(): boolean {
  return existsSync(YARAC) && spawnSync(YARAC, ['--version']).status === 0
}

/**
 * Time `yarac` on `sources` (each file in its namespace, the declared externals as empty
 * strings, as classic-yara.ts compiles them), under GNU time for the max RSS when it exists.
 */
export function runYarac(sources: readonly RuleSourceRef[], work: string): Promise<YaracRun> {
  const out = join(work, 'timed.yarc')
  const timeFile = join(work, 'time.txt')
  rmSync(timeFile, { force: true })
  const args = [
    ...FILE_EXTERNALS.flatMap((name) => ['-d', `${name}=`]),
    ...sources.map((s) => `${s.namespace}:${s.path}`),
    out,
  ]
  const withTime = existsSync(GNU_TIME)
  const [command, argv] = withTime
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, YARAC, ...args]]
    : [YARAC, args]
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(command, argv, { stdio: 'ignore' })
    child.once('error', reject)
    child.once('close', (code) => {
      const ms = performance.now() - start
      // GNU time's last line (an "exited with" line may come first): max RSS KiB, user s, sys s.
      const last = withTime ? (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '') : ''
      const [kib, user, sys] = last.split(' ').map(Number)
      resolve({
        ok: code === 0,
        ms,
        cpuMs: user === undefined || sys === undefined ? null : (user + sys) * 1000,
        maxRssBytes: kib === undefined || !Number.isFinite(kib) ? null : kib * 1024,
        compiledBytes: code === 0 ? statSync(out).size : 0,
      })
    })
  })
}

/** Our parser over every source (texts read beforehand): milliseconds and the rules it found. */
export function parseAll(texts: readonly { source: string; displayName: string }[]): {
  ms: number
  cpuMs: number
  rules: number
} {
  const cpu = process.cpuUsage()
  const start = performance.now()
  let rules = 0
  for (const t of texts) rules += parseYaraSource(t.source, t.displayName).rules.length
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, rules }
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
