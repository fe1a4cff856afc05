import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import type { FuzzTarget } from './fuzz-targets'
import { applyMutations, imageMutation } from './image-mutations'
import type { ImageMutation } from './image-mutations'
import { imageStructures } from './image-structures'
import { scanPass } from './scan-pipeline'
import type { PassStats } from './scan-pipeline'

/** How one target is fuzzed. */
export interface FuzzSettings {
  readonly seed: number
  readonly runs: number
  /** A pass that takes longer fails (a hang: a walk without end, a cycle, a runaway read). */
  readonly deadlineMs: number
  /** Most heap + buffer growth one pass may cause while it runs. */
  readonly memoryCapBytes: number
  /** An empty folder the target's files are written into. */
  readonly workDir: string
  /** fast-check replay path of a failure, to rerun just that case. */
  readonly path?: string
  /** The pass run on each input (the scan pipeline; the control cases plant faults here). */
  readonly pass?: (path: string) => Promise<PassStats>
}

/** What fuzzing one target measured. */
export interface FuzzReport {
  readonly id: string
  readonly parser: string
  readonly seed: number
  inputs: number
  /** Inputs the image opened for (down to its file systems) and items the scan plan listed. */
  opened: number
  items: number
  bytesRead: number
  appErrors: number
  maxMs: number
  maxGrowthBytes: number
  /** Null when every input passed; else what failed and how to replay it. */
  failure: string | null
}

/** One input: the mutations applied to the target's file, and whether checksums are re-sealed. */
export type FuzzCase = [ImageMutation[], boolean]

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.tuple(
  fc.array(imageMutation, { minLength: 1, maxLength: 6 }),
  fc.boolean(),
)

/** Write a target's files into `dir`; returns the pristine mutated file and its structure ranges. */
export async function prepareTarget(
  target: FuzzTarget,
  dir: string,
): Promise<{ pristine: Buffer; ranges: Awaited<ReturnType<typeof imageStructures>> }> {
  mkdirSync(dir, { recursive: true })
  const files = target.load()
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes)
  const pristine = files.get(target.mutated)
  if (pristine === undefined) throw new Error(`${target.id}: ${target.mutated} not loaded`)
  return { pristine, ranges: await imageStructures(target.mutated, pristine) }
}

/** Run the property over one target: only AppError escapes, every pass in time and memory. */
export async function fuzzTarget(target: FuzzTarget, settings: FuzzSettings): Promise<FuzzReport> {
  const dir = join(settings.workDir, target.id)
  const { pristine, ranges } = await prepareTarget(target, dir)
  const report: FuzzReport = {
    id: target.id,
    parser: target.parser,
    seed: settings.seed,
    inputs: 0,
    opened: 0,
    items: 0,
    bytesRead: 0,
    appErrors: 0,
    maxMs: 0,
    maxGrowthBytes: 0,
    failure: null,
  }
  const property = fc.asyncProperty(fuzzCase, async ([mutations, reseal]) => {
    const image = applyMutations(pristine, ranges, mutations)
    if (reseal) target.repair?.(image)
    writeFileSync(join(dir, target.mutated), image)
    report.inputs += 1
    const started = performance.now()
    const { stats, growth } = await measured(
      () => (settings.pass ?? scanPass)(join(dir, target.open)),
      settings.deadlineMs,
    )
    report.maxMs = Math.max(report.maxMs, performance.now() - started)
    report.maxGrowthBytes = Math.max(report.maxGrowthBytes, growth)
    report.opened += stats.opened ? 1 : 0
    report.items += stats.items
    report.bytesRead += stats.bytesRead
    report.appErrors += stats.appErrors
    if (growth > settings.memoryCapBytes)
      throw new Error(
        `memory grew by ${mib(growth)} MiB in one pass (cap ${mib(settings.memoryCapBytes)})`,
      )
  })
  const result = await fc.check(property, {
    seed: settings.seed,
    numRuns: settings.runs,
    endOnFailure: true,
    ...(settings.path === undefined ? {} : { path: settings.path }),
  })
  if (result.failed) {
    const error = result.errorInstance
    report.failure = [
      `${target.id} (${target.parser}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      `counterexample: ${JSON.stringify(result.counterexample)}`,
      `replay: OUTPOST_FUZZ_TARGET=${target.id} OUTPOST_FUZZ_SEED=${String(result.seed)} OUTPOST_FUZZ_PATH=${result.counterexamplePath ?? ''} npx vitest run --project node test/security/fuzz`,
    ].join('\n')
  }
  rmSync(dir, { recursive: true, force: true })
  return report
}

/**
 * Run `work` against a deadline, sampling heap + buffers while it runs: the largest rise above
 * the lowest point seen so far (a GC during the pass can drop the heap below its starting value,
 * which would hide a rise measured from the start).
 */
async function measured<T>(
  work: () => Promise<T>,
  deadlineMs: number,
): Promise<{ stats: T; growth: number }> {
  let low = memory()
  let growth = 0
  const sample = (): void => {
    const now = memory()
    low = Math.min(low, now)
    growth = Math.max(growth, now - low)
  }
  const sampler = setInterval(sample, 10)
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the pass did not end within ${String(deadlineMs)} ms (a hang?)`))
    }, deadlineMs)
  })
  try {
    const stats = await Promise.race([work(), late])
    sample()
    return { stats, growth }
  } finally {
    clearInterval(sampler)
    clearTimeout(timer)
  }
}

function memory(): number {
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}

export function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1)
}

/** Settings from the environment: OUTPOST_FUZZ_SEED / _RUNS / _PATH override the fixed defaults. */
export function envSettings(defaults: { seed: number; runs: number }): {
  seed: number
  runs: number
  path?: string
} {
  const env = process.env
  const path = env['OUTPOST_FUZZ_PATH']
  return {
    seed: env['OUTPOST_FUZZ_SEED'] ? Number(env['OUTPOST_FUZZ_SEED']) : defaults.seed,
    runs: env['OUTPOST_FUZZ_RUNS'] ? Number(env['OUTPOST_FUZZ_RUNS']) : defaults.runs,
    ...(path ? { path } : {}),
  }
}
