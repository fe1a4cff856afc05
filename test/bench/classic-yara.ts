/**
 * Debian's classic `yara` (libyara) as a baseline: installed with apt-get when missing and we are
 * root, rules compiled with `yarac` (same externals as Outpost's, empty strings) outside the
 * timed part, then `yara -C <compiled> -p <cores> -r -N <corpus>` timed with its hits counted.
 */
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { FILE_EXTERNALS } from '../../main/core/engine/yara-engine'
import type { RuleSourceRef } from '../../main/core/scan/child/protocol'

/** The installed classic yara, or why there is none. */
export type ClassicYaraTool = { readonly version: string } | { readonly note: string }

/** A rule set compiled for classic yara: the subset libyara accepts. */
export interface ClassicRules {
  readonly compiled: string
  readonly kept: readonly RuleSourceRef[]
  readonly dropped: number
}

/** One timed classic yara run. */
export interface ClassicRun {
  readonly ms: number
  readonly hits: number
  readonly errorLines: number
}

function has(tool: string): boolean {
  return spawnSync('which', [tool]).status === 0
}

/** `yara` and `yarac`, installed from Debian's mirror when missing (root only). */
export function ensureClassicYara(): ClassicYaraTool {
  if (!has('yara') || !has('yarac')) {
    if (process.getuid?.() !== 0) return { note: 'yara not installed (and not root to install)' }
    process.stdout.write('(installing Debian yara with apt-get…)\n')
    const install = (): boolean =>
      spawnSync('apt-get', ['install', '-y', '-q', 'yara'], {
        stdio: 'ignore',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0
    if (!install()) {
      spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore' })
      if (!install()) return { note: 'yara unavailable: apt-get install yara failed' }
    }
  }
  const version = spawnSync('yara', ['--version'], { encoding: 'utf8' }).stdout.trim()
  return { version }
}

function yaracArgs(sources: readonly RuleSourceRef[], out: string): string[] {
  return [
    ...FILE_EXTERNALS.flatMap((name) => ['-d', `${name}=`]),
    ...sources.map((s) => `${s.namespace}:${s.path}`),
    out,
  ]
}

function yarac(sources: readonly RuleSourceRef[], out: string): boolean {
  return spawnSync('yarac', yaracArgs(sources, out), { stdio: 'ignore' }).status === 0
}

/**
 * Compile `sources` for classic yara into `work`: the whole set at once, or, when libyara rejects
 * some files, file by file, keeping those it accepts. Null when nothing compiles.
 */
export function compileClassic(
  sources: readonly RuleSourceRef[],
  work: string,
): ClassicRules | null {
  const compiled = join(work, 'rules.yarc')
  if (yarac(sources, compiled)) return { compiled, kept: sources, dropped: 0 }
  const probe = join(work, 'probe.yarc')
  const kept = sources.filter((s) => yarac([s], probe))
  if (kept.length === 0 || !yarac(kept, compiled)) return null
  return { compiled, kept, dropped: sources.length - kept.length }
}

/** Time `yara -C <compiled> -p <threads> -r -N <dir>`, counting the hit lines of its output. */
export function runClassic(rules: ClassicRules, dir: string, threads: number): Promise<ClassicRun> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(
      'yara',
      ['-C', rules.compiled, '-p', String(threads), '-r', '-N', '-w', dir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let hits = 0
    let errorLines = 0
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) hits += 1
    })
    child.stderr.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) errorLines += 1
    })
    child.once('error', reject)
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      if (code !== 0 && code !== 1) reject(new Error(`yara exited with ${String(code)}`))
      else resolve({ ms, hits, errorLines })
    })
  })
}
