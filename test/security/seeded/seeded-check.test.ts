import { describe, expect, it } from 'vitest'
import type { ObservedHit } from '../../fixtures/seeded/seeded-check'
import { compareSeeded, isPerfect } from '../../fixtures/seeded/seeded-check'
import { buildSeededCorpus } from '../../fixtures/seeded/seeded-corpus'

/**
 * Controls for the B7 checker: fed the manifest's own seeds it passes, and each planted fault —
 * a seed dropped, a decoy reported, a match at a wrong offset, a rule on a file it must not
 * fire on — makes it fail. Without these the recall test could pass by checking nothing.
 */
const { manifest } = buildSeededCorpus()

/** A perfect scanner: every seed, grouped by (file, rule), at its offset. */
function perfect(): ObservedHit[] {
  const groups = new Map<string, ObservedHit & { offsets: number[] }>()
  for (const s of manifest.seeds) {
    const k = `${s.file}|${s.rule}`
    const g = groups.get(k) ?? { file: s.file, rule: s.rule, offsets: [] }
    g.offsets.push(s.offset)
    groups.set(k, g)
  }
  return [...groups.values()]
}

describe('B7 seeded checker (controls)', () => {
  it('passes the manifest itself', () => {
    const v = compareSeeded(manifest, perfect())
    expect(isPerfect(v)).toBe(true)
    expect(v.found).toBe(manifest.seeds.length)
  })

  it('fails when one seed is not reported (recall < 100 %)', () => {
    const dropped = manifest.seeds.find((s) => s.file === 'blocks/big.bin' && s.offset > 1 << 20)!
    const observed = perfect().map((h) =>
      h.file === dropped.file && h.rule === dropped.rule
        ? { ...h, offsets: h.offsets.filter((o) => o !== dropped.offset) }
        : h,
    )
    const v = compareSeeded(manifest, observed)
    expect(isPerfect(v)).toBe(false)
    expect(v.missed).toEqual([dropped])
  })

  it('fails when a whole (file, rule) is missing, even comparing pairs only', () => {
    const [first, ...rest] = perfect()
    const v = compareSeeded(manifest, rest, { byOffset: false })
    expect(v.missed.map((s) => s.file)).toContain(first!.file)
    expect(isPerfect(v)).toBe(false)
  })

  it('fails when a decoy is reported (a false positive on a near-miss)', () => {
    const decoy = manifest.decoys.find((d) => d.rule === 'Seed_Utf8')!
    const v = compareSeeded(manifest, [
      ...perfect(),
      { file: decoy.file, rule: decoy.rule, offsets: [decoy.offset] },
    ])
    expect(v.decoysHit).toEqual([decoy])
    expect(v.falsePairs).toHaveLength(1)
    expect(isPerfect(v)).toBe(false)
  })

  it('fails on an extra match offset in a file that rightly matches', () => {
    const observed = perfect().map((h, i) => (i === 0 ? { ...h, offsets: [...h.offsets, 3] } : h))
    const v = compareSeeded(manifest, observed)
    expect(v.falseOffsets).toEqual([
      { file: observed[0]!.file, rule: observed[0]!.rule, offsets: [3] },
    ])
    expect(isPerfect(v)).toBe(false)
  })

  it('fails when a rule fires on an empty file', () => {
    const v = compareSeeded(manifest, [
      ...perfect(),
      { file: 'empty.bin', rule: 'Seed_AtZero', offsets: [] },
    ])
    expect(v.falsePairs).toEqual([{ file: 'empty.bin', rule: 'Seed_AtZero', offsets: [] }])
  })

  it('limits the comparison to the files in scope', () => {
    const files = new Set(['ascii/at-start.txt'])
    const v = compareSeeded(
      manifest,
      perfect().filter((h) => files.has(h.file)),
      { files },
    )
    expect(isPerfect(v)).toBe(true)
    expect(v.seeds).toBe(1)
  })
})
