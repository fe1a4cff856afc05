import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import type { EntryMetadata } from '../../main/core/model/evidence'
import { cli } from '../cli/cli-harness'
import { ROOT } from '../helpers/launcher'
import { tempDir } from '../helpers/temp-dir'

/**
 * NTFS and ext through the whole stack (`outpost scan` → scan processes → case → `outpost
 * findings`) on the committed fixture images: content that only the file system can give
 * (resident, compressed, inline), streams, hard links and deleted files found and attributed,
 * owners passed to rules, and every image offset a match claims pointing at the matched bytes.
 */
interface JsonFinding {
  readonly rule: string
  readonly path: string
  readonly location: string | null
  readonly deleted: boolean
  readonly unallocated: boolean
  readonly metadata: EntryMetadata
  readonly matches: readonly {
    readonly offset: number
    readonly length: number
    readonly imageOffset: number | null
  }[]
}

async function scanFixture(name: string, rules: string) {
  const dir = tempDir()
  const image = join(dir, `${name}.img`)
  const media = gunzipSync(readFileSync(join(ROOT, `test/fixtures/images/${name}.img.gz`)))
  writeFileSync(image, media)
  writeFileSync(join(dir, 'rules.yar'), rules)
  const casePath = join(dir, 'case.outpost')
  const scan = await cli(['scan', image, '--case', casePath, '--rules', join(dir, 'rules.yar')])
  expect(scan.code, scan.stderr).toBe(EXIT.FINDINGS)
  const findings = JSON.parse(
    (await cli(['findings', '--case', casePath, '--json'])).stdout,
  ) as JsonFinding[]
  return { media, inFiles: findings.filter((f) => !f.unallocated) }
}

/** Paths of the findings of `rule` in files, sorted. */
const pathsOf = (findings: readonly JsonFinding[], rule: string): string[] =>
  findings
    .filter((f) => f.rule === rule)
    .map((f) => f.path)
    .sort()

/** Every located match points at bytes equal to what the file gives at its offset. */
function expectLocatedMatchesTrue(media: Buffer, findings: readonly JsonFinding[], text: RegExp) {
  let located = 0
  for (const finding of findings) {
    for (const match of finding.matches) {
      if (match.imageOffset === null) continue
      located += 1
      const bytes = media.subarray(match.imageOffset, match.imageOffset + match.length)
      expect(bytes.toString('latin1'), `${finding.path}@${match.offset}`).toMatch(text)
    }
  }
  expect(located).toBeGreaterThan(0)
}

describe('NTFS fixture, scanned whole', () => {
  it('finds resident, compressed, stream, hard-linked and deleted content, attributed and located', async () => {
    const { media, inFiles } = await scanFixture(
      'fs-ntfs',
      `
rule Resident { strings: $a = "tiny 0000000000" condition: $a }
rule Compressed { strings: $a = "compressible 0000049152" condition: $a }
rule Stream { strings: $a = "OUTPOST-ADS OUTPOST-ADS" condition: $a }
rule Deleted { strings: $a = /secret 00000010[0-9]{2}/ condition: $a }
rule Fragmented { strings: $a = "fragmented 0000000000" $b = "fragmented 0000039974" condition: all of them }
rule AdminOwned { strings: $a = "upper 0000000000" condition: $a and owner == "BUILTIN\\\\Administrators" }
`,
    )
    expect(pathsOf(inFiles, 'Resident')).toEqual(['/tiny.txt'])
    expect(pathsOf(inFiles, 'Compressed')).toEqual(['/compressed/compressible.txt'])
    // One MFT entry, three names: the stream is found under each of them.
    expect(pathsOf(inFiles, 'Stream')).toEqual([
      '/docs/hardlink.txt:note',
      '/docs/report.txt:note',
      '/Ünïcödé/link-to-report.txt:note',
    ])
    expect(pathsOf(inFiles, 'Deleted')).toEqual(['/docs/secret.txt'])
    expect(pathsOf(inFiles, 'Fragmented')).toEqual(['/frag/fragmented.bin'])
    expect(pathsOf(inFiles, 'AdminOwned')).toEqual(['/UPPER.TXT'])

    const compressed = inFiles.find((f) => f.rule === 'Compressed')!
    // Compressed bytes are not on the media in clear: no image offset is claimed.
    expect(compressed.matches).toEqual([
      expect.objectContaining({ offset: 49152, imageOffset: null }),
    ])
    const stream = inFiles.find((f) => f.path === '/docs/report.txt:note')!
    expect(stream.metadata.stream).toBe('note')
    expect(stream.location).toMatch(/ntfs "FIXNTFS"$/)
    expect(inFiles.find((f) => f.rule === 'Deleted')?.deleted).toBe(true)
    expect(inFiles.find((f) => f.rule === 'AdminOwned')?.metadata.owner).toBe(
      'BUILTIN\\Administrators (S-1-5-32-544)',
    )
    expect(inFiles.find((f) => f.rule === 'Resident')?.metadata.fileNameTimes).not.toBeNull()
    expectLocatedMatchesTrue(
      media,
      inFiles.filter((f) => f.rule !== 'Fragmented'),
      /^(tiny|OUTPOST-ADS|secret|upper) /,
    )
    expectLocatedMatchesTrue(
      media,
      inFiles.filter((f) => f.rule === 'Fragmented'),
      /^fragmented /,
    )
  })
})

describe('ext4 fixture, scanned whole', () => {
  it('finds inline, extent-mapped, hard-linked and sparse content, with owners and modes', async () => {
    const { media, inFiles } = await scanFixture(
      'fs-ext4',
      `
rule Inline { strings: $a = "ext4-inline-small 0000000000" condition: $a }
rule Report { strings: $a = "ext4-report 0000004" condition: $a }
rule Sparse { strings: $a = "ext4-sparse 0000000000" condition: $a }
rule RootOwned { strings: $a = "ext4-upper 0000000000" condition: $a and owner == "root" }
rule NumberOnly { strings: $a = "ext4-readme 0000000000" condition: $a and owner == "" }
`,
    )
    expect(pathsOf(inFiles, 'Inline')).toEqual(['/inline-small.txt'])
    expect(pathsOf(inFiles, 'Report')).toEqual(['/docs/hardlink.txt', '/docs/report.txt'])
    expect(pathsOf(inFiles, 'Sparse')).toEqual(['/sparse.bin'])
    expect(pathsOf(inFiles, 'RootOwned')).toEqual(['/UPPER.TXT'])
    expect(pathsOf(inFiles, 'NumberOnly')).toEqual(['/README.txt'])

    const upper = inFiles.find((f) => f.rule === 'RootOwned')!
    expect(upper.metadata).toMatchObject({ owner: 'root (uid 0)', mode: 0o104750 })
    expect(upper.location).toMatch(/ext4 "FIXEXT4"$/)
    expect(inFiles.find((f) => f.rule === 'NumberOnly')?.metadata.owner).toBe('uid 1000')
    expectLocatedMatchesTrue(media, inFiles, /^ext4-/)
  })
})
