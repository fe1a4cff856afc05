import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { caseHits } from '../../fixtures/seeded/case-hits'
import type { CaseHit } from '../../fixtures/seeded/case-hits'
import { compareSeeded, describeVerdict } from '../../fixtures/seeded/seeded-check'
import type { SeededManifest } from '../../fixtures/seeded/seeded-corpus'
import { BLOCK_BYTES } from '../../fixtures/seeded/seeded-corpus'
import { writeSeededCorpus } from '../../fixtures/seeded/write-seeded-corpus'
import { SMALL_LIMITS } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { scanIntoNewCase } from '../../helpers/scan-harness'
import { tempDir, withSuiteTempDirs } from '../../helpers/temp-dir'
import { buildExt4, buildFat, fatRuns } from './seeded-images'
import { toolsOrSkip } from './tools'

/**
 * security-checks B7 on disk images: the seeded tree copied into ext4 (`mkfs.ext4 -d`, 1 KiB
 * blocks) and FAT16 (`mkfs.fat` + `mcopy`, 512-byte clusters, one file fragmented on purpose),
 * scanned as raw images through the real path (container → file system → scan processes →
 * case DB): every seed found in its file at its file offset, at an image offset that holds the
 * seed's first byte, nothing else in allocated files; hits in deleted entries or unallocated
 * space must be real seed bytes (the deleted FAT spacers' clusters now hold straddle.bin).
 */
const TOOLS = toolsOrSkip(['mkfs.ext4', 'mkfs.fat', 'mcopy', 'mmd', 'mdel', 'mshowfat'])
const SEEDED = join(import.meta.dirname, '..', '..', 'fixtures', 'seeded')

let manifest: SeededManifest
let root: string

beforeAll(async () => {
  await withSuiteTempDirs(() => {
    root = join(tempDir('outpost-seeded-img-'), 'tree')
    manifest = writeSeededCorpus(root).manifest
    return Promise.resolve()
  })
})

async function scanImage(image: string) {
  const pack = await localPack({ 'seeded.yar': readFileSync(join(SEEDED, 'seeded.yar'), 'utf8') })
  const run = await scanIntoNewCase(image, [pack], { ...SMALL_LIMITS, maxFileBytes: BLOCK_BYTES })
  expect(run.summary.status).toBe('completed')
  return caseHits(run.handle.db, run.summary.id, (p) => p.replace(/^\//, ''))
}

/** The first byte of every seed, read from the image at the match's image offset. */
function checkImageOffsets(image: string, hits: readonly CaseHit[]): number {
  const fd = openSync(image, 'r')
  const one = Buffer.alloc(1)
  let checked = 0
  try {
    for (const hit of hits) {
      hit.offsets.forEach((offset, i) => {
        const at = hit.imageOffsets[i]
        expect(at, `${hit.file} @${offset}: no image offset`).not.toBeNull()
        const seed = manifest.seeds.find((s) => s.file === hit.file && s.offset === offset)
        if (seed === undefined || at === null || at === undefined) return
        readSync(fd, one, 0, 1, at)
        expect(one[0], `${hit.file} @${offset} → image ${at}`).toBe(
          firstByte(seed.text, seed.encoding),
        )
        checked += 1
      })
    }
  } finally {
    closeSync(fd)
  }
  return checked
}

function firstByte(text: string, encoding: string): number {
  return encoding === 'utf16be' ? 0 : text.charCodeAt(0)
}

/** Compare with the manifest: every allocated file in scope (the FAT spacers too: no hit there). */
function verify(label: string, image: string, hits: readonly CaseHit[]) {
  const allocated = hits.filter((h) => !h.deleted && !h.unallocated)
  const verdict = compareSeeded(manifest, allocated)
  console.info(describeVerdict(label, verdict))
  expect(verdict.missed).toEqual([])
  expect(verdict.falsePairs).toEqual([])
  expect(verdict.falseOffsets).toEqual([])
  expect(verdict.decoysHit).toEqual([])
  // Every seed is in clear on the media (sparse.bin's seeds are in its written blocks).
  const checked = checkImageOffsets(image, allocated)
  // Findings outside allocated files: only where the image really holds planted seed bytes.
  const seedImageOffsets = new Set(allocated.flatMap((h) => h.imageOffsets))
  const other = hits.filter((h) => h.deleted || h.unallocated)
  for (const h of other)
    for (const at of h.imageOffsets)
      expect(seedImageOffsets.has(at), `${h.file} ${h.rule}`).toBe(true)
  console.info(
    `${label}: ${checked} image offsets checked, ${other.length} deleted/unallocated hits`,
  )
  return verdict
}

describe.runIf(TOOLS.run)('B7 seeded corpus in disk images', () => {
  it('ext4 (mkfs.ext4 -d, 1 KiB blocks): recall 100 %, no false positive', async () => {
    const image = join(tempDir(), 'seeded-ext4.img')
    buildExt4(root, image)
    const hits = await scanImage(image)
    const verdict = verify('ext4', image, hits)
    expect(verdict.found).toBe(manifest.seeds.length)
  })

  it('FAT16 (mkfs.fat + mcopy, 512-byte clusters, fragmented file): recall 100 %, no false positive', async () => {
    const image = join(tempDir(), 'seeded-fat16.img')
    buildFat(root, image)
    // The cluster-edge file really is in several runs (mshowfat prints one <a-b> per run).
    expect(fatRuns(image, '/clusters/straddle.bin').match(/<\d+-\d+>/g)?.length).toBeGreaterThan(4)
    const hits = await scanImage(image)
    const verdict = verify('fat16', image, hits)
    expect(verdict.found).toBe(manifest.seeds.length)
  })
})
