import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fuzzTarget, prepareTarget } from './fuzz-property'
import type { FuzzSettings } from './fuzz-property'
import { FUZZ_TARGETS } from './fuzz-targets'
import type { FuzzTarget } from './fuzz-targets'
import { scanPass } from './scan-pipeline'

/**
 * Controls for the D6 fuzz: the pristine fixtures go all the way through the pipeline (so a
 * mutated pass that "passes" has really been parsed), and the checker catches the faults it is
 * there for — a raw TypeError, a hang, a memory balloon — when one is planted in the pass.
 */
const work = mkdtempSync(join(tmpdir(), 'outpost-fuzz-control-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

const target = (id: string): FuzzTarget => {
  const found = FUZZ_TARGETS.find((t) => t.id === id)
  if (found === undefined) throw new Error(`no target ${id}`)
  return found
}

const settings = (pass: FuzzSettings['pass']): FuzzSettings => ({
  seed: 7,
  runs: 20,
  deadlineMs: 1500,
  memoryCapBytes: 64 * 1024 * 1024,
  workDir: work,
  pass,
})

describe('D6 controls: the pipeline reads the pristine fixtures down to their content', () => {
  it.each(FUZZ_TARGETS.filter((t) => t.large !== true).map((t) => [t.id, t] as const))(
    'D6 pristine %s opens, plans and reads without an error',
    async (id, t) => {
      const dir = join(work, `pristine-${id}`)
      await prepareTarget(t, dir)
      const stats = await scanPass(join(dir, t.open))
      if (id === 'enc-aes.qcow2') {
        // Refused at open with EVIDENCE_ENCRYPTED, by design: its mutations test the header checks.
        expect(stats).toMatchObject({ opened: false, appErrors: 1 })
        return
      }
      expect(stats.opened).toBe(true)
      expect(stats.scanned).toBeGreaterThan(0)
      expect(stats.bytesRead).toBeGreaterThan(0)
      expect(stats.appErrors).toBe(0)
      if (/^(fs|volumes)\/|\+fs$/.test(t.parser)) expect(stats.fileSystems).toBeGreaterThan(0)
    },
  )
})

describe('D6 controls: a fault planted in the pass is caught and reported for replay', () => {
  /** Fails like a parser bug would, on any input whose first sector differs from the fixture. */
  const pristineHead = target('tiny.E01').load().get('tiny.E01')?.subarray(0, 512)

  it('D6 a TypeError escaping the pass fails the property, with seed, counterexample and replay line', async () => {
    const report = await fuzzTarget(
      target('tiny.E01'),
      settings(async (path) => {
        const stats = await scanPass(path)
        if (
          !readFileSync(path)
            .subarray(0, 512)
            .equals(pristineHead ?? Buffer.alloc(0))
        )
          throw new TypeError('planted: Cannot read properties of undefined')
        return stats
      }),
    )
    expect(report.failure).toMatch(/TypeError: planted/)
    expect(report.failure).toMatch(/counterexample: \[\[/)
    expect(report.failure).toMatch(/OUTPOST_FUZZ_SEED=7 OUTPOST_FUZZ_PATH=\d/)
  })

  it('D6 a pass that never ends fails at the deadline', async () => {
    const report = await fuzzTarget(
      target('tiny.raw'),
      settings(() => new Promise(() => undefined)),
    )
    expect(report.failure).toMatch(/did not end within 1500 ms/)
  })

  it('D6 a pass that balloons memory fails on the cap', async () => {
    const report = await fuzzTarget(
      target('tiny.raw'),
      settings(async (path) => {
        // Far over the 64 MiB cap: allocating it may first collect garbage left by earlier passes
        // (tens of MiB), which the sampler cannot tell from the pass's own memory.
        const hog = Buffer.alloc(256 * 1024 * 1024, 1)
        const stats = await scanPass(path)
        // Held across a sampling tick, as a reader's runaway buffer would be.
        await new Promise((resolve) => setTimeout(resolve, 50))
        stats.bytesRead += hog[hog.length - 1] ?? 0
        return stats
      }),
    )
    expect(report.failure).toMatch(/memory grew by \d+\.\d MiB in one pass/)
  })

  it('D6 an AppError from the pipeline is absorbed, not a failure (mutations that refuse the image)', async () => {
    const report = await fuzzTarget(target('tiny.E01'), { ...settings(undefined), runs: 10 })
    expect(report.failure).toBeNull()
    expect(report.inputs).toBe(10)
    expect(report.appErrors).toBeGreaterThan(0)
  })
})
