import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../helpers/launcher'

/**
 * D6, long form: the image-parser fuzz of test/security/fuzz run for 20 s over every target
 * (the 35 MiB FAT32 included) in a child process with its heap capped at 256 MiB and a kill
 * timer, so a synchronous hang or a runaway allocation fails here even where an in-process
 * deadline cannot see it. OUTPOST_FUZZ_SECONDS sets the time, OUTPOST_FUZZ_SEED the first
 * seed (`random` for a fresh one; the run prints it for replay).
 */
const SECONDS = Number(process.env['OUTPOST_FUZZ_SECONDS'] ?? 20)
/** Inputs per target and seed: every target gets at least this many. */
const RUNS = Number(process.env['OUTPOST_FUZZ_RUNS'] ?? 8)
const SEED_ENV = process.env['OUTPOST_FUZZ_SEED'] ?? '20261126'
const SEED = SEED_ENV === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_ENV)
/** Past the time budget, the child gets this long to finish its round before it is killed. */
const GRACE_MS = 90_000

interface Summary {
  readonly inputs: number
  readonly targets: number
  readonly maxMs: number
  readonly maxGrowthMiB: number
  readonly maxRssMiB: number
  readonly failed: boolean
}

function runFuzz(
  options: { seconds: number; runs: number; graceMs: number; extra?: string[] } = {
    seconds: SECONDS,
    runs: RUNS,
    graceMs: GRACE_MS,
  },
): Promise<{
  code: number | null
  signal: string | null
  out: string
  err: string
}> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--max-old-space-size=256',
        join(ROOT, 'test/hardening/fuzz/run-fuzz.ts'),
        '--seconds',
        String(options.seconds),
        '--seed',
        String(SEED),
        '--runs',
        String(options.runs),
        ...(options.extra ?? ['--large']),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const killer = setTimeout(() => child.kill('SIGKILL'), options.seconds * 1000 + options.graceMs)
    child.on('close', (code, signal) => {
      clearTimeout(killer)
      resolve({ code, signal, out, err })
    })
  })
}

describe('D6 long fuzz of the image parsers (child process, 256 MiB heap, kill timer)', () => {
  it(
    `D6 every container, partition table and file system target, ${String(SECONDS)} s from seed ${String(SEED)}: only AppError, bounded time and memory`,
    async () => {
      const { code, signal, out, err } = await runFuzz()
      const lines = out.trim().split('\n').filter(Boolean)
      const summary = JSON.parse(lines[lines.length - 1] ?? '{}') as Summary
      console.info(
        `D6 long fuzz (seed ${String(SEED)}): ${lines[lines.length - 1] ?? '(no summary)'}`,
      )
      expect(signal, `killed: a pass hung past the kill timer\n${err}`).toBeNull()
      expect(code, err).toBe(0)
      expect(summary.failed).toBe(false)
      expect(summary.targets).toBeGreaterThanOrEqual(40)
      expect(summary.inputs).toBeGreaterThanOrEqual(summary.targets * RUNS)
      expect(summary.maxRssMiB).toBeLessThan(1024)
    },
    SECONDS * 1000 + GRACE_MS + 30_000,
  )

  it('D6 control: a pass stuck in a synchronous loop is killed by the timer and fails', async () => {
    const run = await runFuzz({
      seconds: 1,
      runs: 1,
      graceMs: 10_000,
      extra: ['--targets', 'tiny.raw', '--plant', 'hang'],
    })
    expect(run.signal).toBe('SIGKILL')
  }, 60_000)

  it('D6 control: a pass that allocates without end dies on the 256 MiB heap cap, not the machine', async () => {
    const run = await runFuzz({
      seconds: 1,
      runs: 1,
      graceMs: 30_000,
      extra: ['--targets', 'tiny.raw', '--plant', 'oom'],
    })
    expect(run.signal === null && run.code === 0).toBe(false)
    expect(run.err).toMatch(/heap out of memory|Reached heap limit/)
  }, 60_000)
})
