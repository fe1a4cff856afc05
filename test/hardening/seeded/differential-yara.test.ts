import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { caseHits } from '../../fixtures/seeded/case-hits'
import type { ObservedHit } from '../../fixtures/seeded/seeded-check'
import { compareSeeded, describeVerdict, isPerfect } from '../../fixtures/seeded/seeded-check'
import { BLOCK_BYTES } from '../../fixtures/seeded/seeded-corpus'
import { writeSeededCorpus } from '../../fixtures/seeded/write-seeded-corpus'
import { SMALL_LIMITS } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { scanIntoNewCase } from '../../helpers/scan-harness'
import { tempDir } from '../../helpers/temp-dir'
import { classicYaraVersion, parseClassicOutput, runClassicYara } from './classic-yara'
import { toolsOrSkip } from './tools'

/**
 * security-checks B8: our pipeline (yara-x, in blocks where the file is over the limit) and
 * Debian's classic `yara` 4.2.3 CLI over the seeded corpus with seeded.yar (rules valid in
 * both): the same (file, rule) pairs AND the same match offsets; and classic YARA alone also
 * gives exactly the manifest, so the expected results do not rest on yara-x. The larger rule
 * sets (ReversingLabs, Elastic, the bundled pack) are compared in
 * test/corpus/differential-yara-rules.test.ts (they live in ../shared).
 *
 * Known yara-x / YARA differences on this corpus: none (a difference would be listed here with
 * its reason, never silenced).
 */
const TOOLS = toolsOrSkip(['yara'])
const RULES = join(import.meta.dirname, '..', '..', 'fixtures', 'seeded', 'seeded.yar')

const key = (h: ObservedHit) =>
  `${h.file} ${h.rule} ${[...h.offsets].sort((a, b) => a - b).join(',')}`

describe('B8 classic YARA output parser', () => {
  it('reads rule lines and string offsets, paths with spaces included', () => {
    const out = 'R1 /e/with space.txt\n0x0:$s: OUTPOST\n0x1f:$s: W\\x00\nR2 /e/b\n'
    expect(parseClassicOutput(out)).toEqual([
      { rule: 'R1', file: '/e/with space.txt', offsets: [0, 31] },
      { rule: 'R2', file: '/e/b', offsets: [] },
    ])
    expect(() => parseClassicOutput('0x0:$s: x\n')).toThrow(/before any rule/)
  })
})

describe.runIf(TOOLS.run)(
  'B8 differential: Outpost (yara-x) vs classic yara on the seeded corpus',
  () => {
    it('gives the same (file, rule) pairs and the same offsets; classic YARA also meets the manifest', async () => {
      console.info(`classic yara ${classicYaraVersion()}`)
      const root = join(tempDir('outpost-seeded-diff-'), 'tree')
      const { manifest } = writeSeededCorpus(root)
      const classic = runClassicYara([RULES], root, { strings: true }).map((h) => ({
        ...h,
        file: relative(root, h.file).split(sep).join('/'),
      }))
      const pack = await localPack({ 'seeded.yar': readFileSync(RULES, 'utf8') })
      const run = await scanIntoNewCase(root, [pack], {
        ...SMALL_LIMITS,
        maxFileBytes: BLOCK_BYTES,
      })
      expect(run.summary.status).toBe('completed')
      const ours = caseHits(run.handle.db, run.summary.id, (p) => p.replace(/^\//, '')).map(
        ({ file, rule, offsets }) => ({ file, rule, offsets }),
      )

      const classicVerdict = compareSeeded(manifest, classic)
      console.info(describeVerdict('classic yara vs manifest', classicVerdict))
      expect(isPerfect(classicVerdict), JSON.stringify(classicVerdict)).toBe(true)
      // Pairs and offsets, both ways.
      const a = new Set(ours.map(key))
      const b = new Set(classic.map(key))
      expect(
        [...a].filter((k) => !b.has(k)),
        'only Outpost',
      ).toEqual([])
      expect(
        [...b].filter((k) => !a.has(k)),
        'only classic yara',
      ).toEqual([])
      // Control: classic yara with one rule changed (its target one byte off) must show up as a
      // difference, so an empty difference above means agreement, not a comparison that sees nothing.
      const mutated = join(tempDir(), 'mutated.yar')
      writeFileSync(
        mutated,
        readFileSync(RULES, 'utf8').replace('"OUTPOSTSEED-"', '"OUTPOSTSEEE-"'),
      )
      const changed = new Set(
        runClassicYara([mutated], root, { strings: true }).map((h) =>
          key({ ...h, file: relative(root, h.file).split(sep).join('/') }),
        ),
      )
      const lost = [...a].filter((k) => !changed.has(k))
      expect(lost.length).toBeGreaterThan(5)
      expect(lost.every((k) => k.includes(' Seed_Ascii '))).toBe(true)
      const offsets = classic.reduce((n, h) => n + h.offsets.length, 0)
      console.info(`compared ${a.size} (file, rule) pairs, ${offsets} match offsets`)
      expect(a.size).toBeGreaterThan(25)
    })
  },
)
