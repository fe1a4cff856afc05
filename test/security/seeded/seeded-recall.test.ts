import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LoadedPack } from '../../../main/core/rules/load-pack'
import { blockModePaths, caseHits } from '../../fixtures/seeded/case-hits'
import { compareSeeded, describeVerdict } from '../../fixtures/seeded/seeded-check'
import { BLOCK_BYTES, buildSeededCorpus } from '../../fixtures/seeded/seeded-corpus'
import { writeSeededCorpus } from '../../fixtures/seeded/write-seeded-corpus'
import { SMALL_LIMITS } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { scanIntoNewCase } from '../../helpers/scan-harness'
import { tempDir } from '../../helpers/temp-dir'

/**
 * security-checks B7: the seeded corpus (ASCII / UTF-8 / UTF-16LE / UTF-16BE seeds at offset 0,
 * at EOF, across the block-mode edges, in empty, 1-byte, sparse, nested and oddly named files,
 * plus near-miss decoys) scanned through the real path — a case, evidence, scan processes, the
 * case DB — must give every seed at its offset (recall 100 %) and nothing else (0 false
 * positives, by (file, rule) and by match offset).
 */
const SEEDED = join(import.meta.dirname, '..', '..', 'fixtures', 'seeded')
const RULES = readFileSync(join(SEEDED, 'seeded.yar'), 'utf8')

/** Built once for the file: building is deterministic (checked below), the scan reuses it. */
const CORPUS = buildSeededCorpus()

function seededPack(): Promise<LoadedPack> {
  return localPack({ 'seeded.yar': RULES }, 'seeded')
}

describe('B7 seeded corpus: the generator', () => {
  it('is deterministic and gives the committed expected.json (regenerate with make-seeded-corpus.ts)', () => {
    const committed = JSON.parse(readFileSync(join(SEEDED, 'expected.json'), 'utf8')) as unknown
    expect(CORPUS.manifest).toEqual(committed)
    expect(buildSeededCorpus().manifest).toEqual(CORPUS.manifest)
  })

  it('plants every encoding, the edges and the file shapes the check promises', () => {
    const { manifest } = CORPUS
    const encodings = new Set(manifest.seeds.map((s) => s.encoding))
    expect([...encodings].sort()).toEqual(['ascii', 'utf16be', 'utf16le', 'utf8'])
    const sizes = new Map(manifest.files.map((f) => [f.path, f.size]))
    expect(manifest.seeds.some((s) => s.offset === 0)).toBe(true)
    expect(manifest.seeds.some((s) => s.offset + s.length === sizes.get(s.file))).toBe(true)
    // Across a block edge of the scan (a seed starting before a multiple of the block, ending after it).
    const across = (edge: number) =>
      manifest.seeds.filter(
        (s) => Math.floor(s.offset / edge) !== Math.floor((s.offset + s.length - 1) / edge),
      )
    expect(across(BLOCK_BYTES).length).toBeGreaterThanOrEqual(3)
    expect(across(4096).length).toBeGreaterThanOrEqual(15)
    expect([...sizes.values()]).toEqual(expect.arrayContaining([0, 1]))
    expect(manifest.files.some((f) => f.sparse)).toBe(true)
    expect(manifest.decoys.length).toBeGreaterThanOrEqual(15)
  })
})

describe('B7 seeded corpus: scanned as a folder', () => {
  it('finds every seed at its offset and nothing else (recall 100 %, 0 false positives)', async () => {
    const root = tempDir('outpost-seeded-')
    const { manifest } = writeSeededCorpus(root, CORPUS)
    // maxFileBytes = the corpus's block size: blocks/ and sparse/ go through block mode.
    const run = await scanIntoNewCase(root, [await seededPack()], {
      ...SMALL_LIMITS,
      maxFileBytes: BLOCK_BYTES,
    })
    expect(run.summary.status).toBe('completed')
    expect(run.summary.filesScanned).toBe(manifest.files.length)
    // Host evidence stores paths relative to the evidence root, with '/' separators.
    const observed = caseHits(run.handle.db, run.summary.id, (p) => p.replace(/^\//, ''))
    const verdict = compareSeeded(manifest, observed)
    console.info(describeVerdict('folder', verdict))
    expect(verdict.missed).toEqual([])
    expect(verdict.falsePairs).toEqual([])
    expect(verdict.falseOffsets).toEqual([])
    expect(verdict.decoysHit).toEqual([])
    expect(verdict.found).toBe(manifest.seeds.length)
    // The block edges were really crossed: both big files went through block mode.
    expect(blockModePaths(run.handle.db, run.summary.id, (p) => p.replace(/^\//, ''))).toEqual([
      'blocks/big.bin',
      'sparse/sparse.bin',
    ])
  })
})
