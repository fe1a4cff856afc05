import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ByteRange } from '../../../main/core/evidence/byte-source'
import { openFileSystem } from '../../../main/core/filesystems/open-file-system'
import { isAppError } from '../../../main/core/model/errors'
import { readVolumes } from '../../../main/core/volumes/read-volumes'
import { bufferSource } from '../../helpers/file-source'
import { fixtureBytes } from './fixture-images'
import { fsMutation, mutateImage, repairChecksums, structureRanges } from './fs-mutations'
import type { FsMutation } from './fs-mutations'

/** Volumes, file systems, a full walk, every file read and the free space listed: within this. */
const DEADLINE_MS = 10_000
/** Most heap + buffer growth one mutated image may cause. */
const MEMORY_CAP = 256 * 1024 * 1024
/** File content read per file at most (reads are what a scan does; the cap keeps runs short). */
const READ_CAP = 4 * 1024 * 1024
const RUNS = Number(process.env['OUTPOST_FUZZ_RUNS'] ?? 25)
const SEED = Number(process.env['OUTPOST_FUZZ_SEED'] ?? 20261125)

const TARGETS = [
  'fs-fat12',
  'fs-fat16',
  'fs-fat32',
  'fs-exfat',
  'fs-ntfs',
  'fs-ext2',
  'fs-ext4',
  'vs-mbr',
  'vs-gpt',
  'vs-gpt-4k',
  'vs-mbr-4k',
]

/** What a scan would do with an image: every layer, every entry, every file's bytes, the free space. */
async function exercise(image: Buffer): Promise<number> {
  const before = memory()
  const source = bufferSource(image)
  try {
    const layout = await readVolumes(source)
    for (const volume of layout.volumes) await exerciseVolume(volume.source)
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
  }
  return memory() - before
}

async function exerciseVolume(volume: Parameters<typeof openFileSystem>[0]): Promise<void> {
  let fs
  try {
    fs = await openFileSystem(volume)
  } catch (error: unknown) {
    if (isAppError(error)) return
    throw error
  }
  if (fs === null) return
  for await (const item of fs.walk()) {
    if ('detail' in item || item.kind === 'directory') continue
    const content = fs.open(item)
    await content.read(0, Math.min(content.size, READ_CAP)).catch(expectAppError)
  }
  const free: readonly ByteRange[] = await fs.unallocated()
  for (const range of free) expect(range.offset + range.length).toBeLessThanOrEqual(volume.size)
}

function expectAppError(error: unknown): void {
  if (!isAppError(error)) throw error
}

function memory(): number {
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}

async function withDeadline<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not finish within ${DEADLINE_MS} ms`))
    }, DEADLINE_MS)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

describe('hostile file systems: mutated fixtures never crash, hang or balloon', () => {
  it.each(TARGETS)(
    '%s: only AppError escapes, every layer and read ends in time, memory stays bounded',
    async (name) => {
      const pristine = fixtureBytes(name)
      const ranges = await structureRanges(pristine)
      await fc.assert(
        fc.asyncProperty(
          fc.array(fsMutation, { minLength: 1, maxLength: 5 }),
          fc.boolean(),
          async (mutations: FsMutation[], reseal: boolean) => {
            const image = mutateImage(pristine, ranges, mutations)
            if (reseal) repairChecksums(image)
            const grown = await withDeadline(
              exercise(image),
              `${name} ${JSON.stringify(mutations)}`,
            )
            expect(grown).toBeLessThan(MEMORY_CAP)
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      )
    },
    240_000,
  )
})
