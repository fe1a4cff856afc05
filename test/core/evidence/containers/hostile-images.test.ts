import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../../../main/core/evidence/containers/container'
import { openContainer } from '../../../../main/core/evidence/containers/open-container'
import { isAppError } from '../../../../main/core/model/errors'
import { unpackFixtures } from './container-fixtures'
import type { UnpackedFixtures } from './container-fixtures'
import { mutate, mutationArbitrary, repairEwf, repairVhd } from './mutate-image'
import type { Mutation } from './mutate-image'

/** Every open plus its reads must end within this (ms): a hang fails the property. */
const DEADLINE_MS = 5000
/** Most `arrayBuffers` growth one mutated image may cause (the cache budget is 8 MiB). */
const MEMORY_CAP = 96 * 1024 * 1024
const CACHE_BYTES = 8 * 1024 * 1024
/** Images read whole (every chunk, table and cluster) when they are at most this big. */
const READ_WHOLE = 4 * 1024 * 1024
const RUNS = Number(process.env['OUTPOST_FUZZ_RUNS'] ?? 20)
const SEED = Number(process.env['OUTPOST_FUZZ_SEED'] ?? 20240601)

/** The image mutated, the untouched files it needs beside it, and its checksum repair. */
const TARGETS: readonly {
  name: string
  beside?: readonly string[]
  repair?: (d: Buffer) => void
}[] = [
  { name: 'media-zlib.E01', repair: repairEwf },
  {
    name: 'media-seg.E01',
    beside: ['media-seg.E02', 'media-seg.E03', 'media-seg.E04'],
    repair: repairEwf,
  },
  {
    name: 'media-seg.E04',
    beside: ['media-seg.E01', 'media-seg.E02', 'media-seg.E03'],
    repair: repairEwf,
  },
  { name: 'media-dyn.vhd', repair: repairVhd },
  { name: 'media-fixed.vhd', repair: repairVhd },
  { name: 'media-diff.vhd', beside: ['media-dyn.vhd'], repair: repairVhd },
  { name: 'media-sparse.vmdk' },
  { name: 'media-stream.vmdk' },
  {
    name: 'media-multi.vmdk',
    beside: ['media-multi-f001.vmdk', 'media-multi-s002.vmdk', 'media-multi-f003.vmdk'],
  },
  { name: 'media-v3.qcow2' },
  { name: 'media-zlib.qcow2' },
  { name: 'media-overlay.qcow2', beside: ['media-v3.qcow2'] },
  { name: 'media-l2ext.qcow2', beside: ['media-v3.qcow2'] },
  { name: 'tiny.E01', repair: repairEwf },
]

let fixtures: UnpackedFixtures
let work: string
beforeAll(() => {
  fixtures = unpackFixtures()
  work = mkdtempSync(join(tmpdir(), 'outpost-hostile-'))
})
afterAll(() => {
  fixtures.remove()
  rmSync(work, { recursive: true, force: true })
})

function deadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not finish within ${DEADLINE_MS} ms`))
    }, DEADLINE_MS)
  })
  return Promise.race([promise, late]).finally(() => {
    clearTimeout(timer)
  })
}

async function readAround(container: Container, fractions: readonly number[]): Promise<void> {
  const size = container.size
  if (size <= READ_WHOLE) await container.read(0, size)
  else {
    await container.read(0, 65536)
    for (const f of fractions) await container.read(Math.floor(f * size), 131072)
    await container.read(size - 1, 4096)
  }
  await container.read(size + 1, 10)
}

/** Open and read one mutated image; resolves with the peak memory growth. Only AppErrors pass. */
async function exercise(path: string, fractions: readonly number[]): Promise<number> {
  const before = process.memoryUsage().arrayBuffers
  let container: Container | null = null
  try {
    container = await openContainer(path, { cacheBytes: CACHE_BYTES })
    const opened = container
    // An unreadable chunk is an EVIDENCE_READ at read time: read the rest anyway, piece by piece.
    await readAround(opened, fractions).catch((error: unknown) => {
      if (!isAppError(error)) throw error
      return Promise.all(
        fractions.map((f) =>
          opened.read(Math.floor(f * opened.size), 4096).catch(rethrowUnexpected),
        ),
      )
    })
  } catch (error: unknown) {
    rethrowUnexpected(error)
  }
  const grown = process.memoryUsage().arrayBuffers - before
  await container?.close()
  return grown
}

function rethrowUnexpected(error: unknown): Buffer {
  if (isAppError(error)) return Buffer.alloc(0)
  throw error
}

describe('hostile images: mutated fixtures never crash, hang or balloon', () => {
  it.each(TARGETS)('$name', async ({ name, beside = [], repair }) => {
    const dir = mkdtempSync(join(work, 'case-'))
    for (const other of beside) copyFileSync(fixtures.path(other), join(dir, other))
    const pristine = readFileSync(fixtures.path(name))
    const target = join(dir, name)
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
          minLength: 3,
          maxLength: 3,
        }),
        async (mutations: Mutation[], repaired: boolean, fractions: number[]) => {
          const data = mutate(pristine, mutations)
          if (repaired) repair?.(data)
          writeFileSync(target, data)
          const grown = await deadline(
            exercise(target, fractions),
            `${name} ${JSON.stringify(mutations, bigints)}`,
          )
          expect(grown).toBeLessThan(MEMORY_CAP)
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
  })
})

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}
