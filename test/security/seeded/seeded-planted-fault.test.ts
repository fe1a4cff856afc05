import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileSources } from '../../../main/core/engine/yara-engine'
import { analyzeFile } from '../../../main/core/scan/analysis/analyze-file'
import type { ChildScanLimits } from '../../../main/core/scan/child/protocol'
import type { ObservedHit } from '../../fixtures/seeded/seeded-check'
import { compareSeeded } from '../../fixtures/seeded/seeded-check'
import { BLOCK_BYTES } from '../../fixtures/seeded/seeded-corpus'
import { writeSeededCorpus } from '../../fixtures/seeded/write-seeded-corpus'
import { tempDir } from '../../helpers/temp-dir'

/**
 * Control for B7: the corpus catches a reader fault at the block edge. Scanning blocks/big.bin
 * in blocks WITHOUT overlap (a planted fault; the product always overlaps) must miss the seeds
 * that cross an edge, and the checker must say so; with the product's overlap, none is missed.
 */
const RULES = readFileSync(join(import.meta.dirname, '../../fixtures/seeded/seeded.yar'), 'utf8')
const EXTERNALS = { filename: 'big.bin', filepath: '/e', extension: '.bin', owner: 'root' }

async function scanBig(overlapBytes: number | undefined) {
  const root = tempDir('outpost-seeded-fault-')
  const { manifest } = writeSeededCorpus(root)
  const limits: ChildScanLimits = {
    maxFileBytes: BLOCK_BYTES,
    engineTimeoutMs: 10_000,
    matchCapPerPattern: 100,
    excerptBytes: 8,
    ...(overlapBytes === undefined ? {} : { overlapBytes }),
  }
  const { rules } = compileSources([{ namespace: 's', source: RULES, displayName: 'seeded.yar' }])
  rules.configure({ timeoutMs: 10_000, matchCapPerPattern: 100 })
  const result = await analyzeFile(join(root, 'blocks', 'big.bin'), {
    limits,
    rules,
    externals: EXTERNALS,
    onYaraStart: () => undefined,
  })
  const observed: ObservedHit[] = result.hits.map((h) => ({
    file: 'blocks/big.bin',
    rule: h.rule,
    offsets: h.matches.map((m) => m.offset),
  }))
  return compareSeeded(manifest, observed, { files: new Set(['blocks/big.bin']) })
}

describe('B7 control: a block-edge fault is caught by the seeded corpus', () => {
  it('misses exactly the seeds across a block edge when blocks do not overlap', async () => {
    const faulty = await scanBig(0)
    const crossing = (s: { offset: number; length: number }) =>
      Math.floor(s.offset / BLOCK_BYTES) !== Math.floor((s.offset + s.length - 1) / BLOCK_BYTES)
    console.info(`no overlap: ${faulty.missed.length} of ${faulty.seeds} seeds missed`)
    expect(faulty.missed.length).toBeGreaterThanOrEqual(2)
    expect(faulty.missed.every(crossing)).toBe(true)
  })

  it('misses none with the overlap the product uses', async () => {
    const sound = await scanBig(undefined)
    expect(sound.missed).toEqual([])
    expect(sound.found).toBe(sound.seeds)
  })
})
