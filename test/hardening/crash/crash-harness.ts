import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { build } from 'esbuild'
import { ROOT } from '../../helpers/launcher'

/** A deterministic pseudo-random sequence (mulberry32), so a failing schedule can be replayed. */
export function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seed of a kill schedule: `OUTPOST_CRASH_SEED` to replay one, else a fresh one (logged). */
export function crashSeed(name: string): number {
  const given = process.env['OUTPOST_CRASH_SEED']
  const seed = given === undefined ? Date.now() % 2 ** 31 : Number(given)
  console.log(`${name}: seed ${seed} (replay with OUTPOST_CRASH_SEED=${seed})`)
  return seed
}

/** Complete `ACK …` lines seen so far (a line cut by the kill is not an acknowledgement). */
export class AckReader {
  private buffer = ''
  readonly acks: string[] = []
  /** Resolves at the child's `READY` line (set up, about to write). */
  readonly ready: Promise<void>
  private markReady: () => void = () => undefined

  constructor(stream: NodeJS.ReadableStream | null) {
    this.ready = new Promise((resolve) => (this.markReady = resolve))
    stream?.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString()
      let newline = this.buffer.indexOf('\n')
      while (newline >= 0) {
        const line = this.buffer.slice(0, newline)
        this.buffer = this.buffer.slice(newline + 1)
        if (line.startsWith('ACK ')) this.acks.push(line.slice(4))
        if (line === 'READY') this.markReady()
        newline = this.buffer.indexOf('\n')
      }
    })
  }
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode)
    else
      child.once('exit', (code) => {
        resolve(code)
      })
  })
}

/**
 * Bundle a TypeScript child program into one CommonJS file (better-sqlite3 stays external and
 * is found through NODE_PATH): each of the 30+ spawns then starts in plain Node in a fraction of
 * what tsx needs on a busy 2-core runner.
 */
export async function bundleChild(entry: string, outDir: string): Promise<string> {
  const outfile = join(outDir, 'child.cjs')
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  })
  return outfile
}

/** Run a bundled child (see {@link bundleChild}). */
export function spawnBundled(file: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [file, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
  })
}
