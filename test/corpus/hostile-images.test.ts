import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { openImage } from '../../main/core/evidence/image-layout'
import { isWalkProblem } from '../../main/core/filesystems/file-system'
import { AppError } from '../../main/core/model/errors'
import {
  fsMutation,
  mutateImage,
  repairChecksums,
  structureRanges,
} from '../core/filesystems/fs-mutations'
import { requireCorpus } from './corpus-paths'

/**
 * Corpus images mutated where their structures are (tables, boot sectors, FATs, directories),
 * opened through the whole evidence stack as a scan would: container → volumes → file systems →
 * every entry's content. Only `AppError` may escape; each case ends quickly; memory stays bounded.
 */
const IMAGES = requireCorpus('images')
const RUNS = Number(process.env['OUTPOST_FUZZ_RUNS'] ?? 40)
const CASE_DEADLINE_MS = 10_000
const MEMORY_CAP = 256 * 1024 * 1024
const work = mkdtempSync(join(tmpdir(), 'outpost-hostile-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

async function exercise(path: string): Promise<void> {
  let image
  try {
    image = await openImage(path)
  } catch (error: unknown) {
    if (error instanceof AppError) return
    throw error
  }
  try {
    for (const { volume, fileSystem } of image.volumes) {
      await volume.source.read(0, 4096)
      if (fileSystem === null) continue
      await fileSystem.unallocated()
      for await (const item of fileSystem.walk()) {
        if (isWalkProblem(item) || item.kind !== 'file' || !item.recoverable) continue
        const content = fileSystem.open(item)
        for (let at = 0; at < content.size; at += 1 << 20) await content.read(at, 1 << 20)
        // Resident, compressed and inline content is what a scan process reads by id.
        if (item.contentAccess === 'reader' && fileSystem.openById !== undefined) {
          const byId = await fileSystem.openById(item.id)
          for (let at = 0; at < byId.size; at += 1 << 20) await byId.read(at, 1 << 20)
        }
      }
    }
  } catch (error: unknown) {
    if (!(error instanceof AppError)) throw error
  } finally {
    await image.close()
  }
}

describe.each(['fat12', 'fat32', 'exfat', 'ntfs', 'ext2', 'ext4', 'mbr-disk', 'gpt-disk'])(
  '%s, mutated',
  (name) => {
    it(`opens, walks and reads ${RUNS} damaged variants without anything but AppError, in bounded time and memory`, async () => {
      const pristine = gunzipSync(readFileSync(join(IMAGES, `${name}.img.gz`)))
      const ranges = await structureRanges(pristine)
      const baseline = process.memoryUsage().arrayBuffers
      await fc.assert(
        fc.asyncProperty(
          fc.array(fsMutation, { minLength: 1, maxLength: 12 }),
          fc.boolean(),
          async (mutations, reseal) => {
            const damaged = mutateImage(pristine, ranges, mutations)
            if (reseal) repairChecksums(damaged)
            const path = join(work, `${name}.img`)
            writeFileSync(path, damaged)
            const started = Date.now()
            await exercise(path)
            expect(Date.now() - started).toBeLessThan(CASE_DEADLINE_MS)
            expect(process.memoryUsage().arrayBuffers - baseline).toBeLessThan(MEMORY_CAP)
          },
        ),
        { numRuns: RUNS, seed: 3 },
      )
    })
  },
)
