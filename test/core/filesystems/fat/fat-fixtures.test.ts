import { describe, expect, it } from 'vitest'
import type { FileEntry } from '../../../../main/core/filesystems/file-system'
import { fixtureBytes, fixtureExpected, openFixtureFs } from '../fixture-images'
import { contentHash, differences, walkAll } from '../tsk-oracle'

const LONG_240 = `/${'very-long-name-'.repeat(17).slice(0, 236)}.txt`
/** TSK 4.11 drops the first LFN entry of names over 195 characters; Outpost reads them whole. */
const RENAMED = new Map([[LONG_240.slice(0, 235), LONG_240]])

async function entriesOf(name: string): Promise<Map<string, FileEntry>> {
  const walked = await walkAll(await openFixtureFs(fixtureBytes(name)))
  return new Map(walked.entries.map((entry) => [entry.path, entry]))
}

function entry(entries: Map<string, FileEntry>, path: string): FileEntry {
  const found = entries.get(path)
  if (found === undefined) throw new Error(`${path} not listed`)
  return found
}

describe('FAT fixtures against The Sleuth Kit', () => {
  it.each(['fs-fat12', 'fs-fat16', 'fs-fat32'])(
    '%s: every entry, its slot number, size, deleted flag, times and content hash as TSK lists them',
    async (name) => {
      const fs = await openFixtureFs(fixtureBytes(name))
      const walked = await walkAll(fs)
      const files = fixtureExpected(name).filesystems[0]?.files ?? []

      const found = await differences(fs, walked, files, { renamed: RENAMED, times: 'fat' })

      expect(found).toEqual([])
      expect(walked.problems).toEqual([])
    },
  )
})

describe('FAT names', () => {
  it.each([
    ['/abcdefghi.txt', 'exactly 13 characters: one LFN entry, no terminator'],
    ['/abcdefghijklmnopqrstuv.txt', 'exactly 26 characters: two full LFN entries'],
    ['/abcdefghij.txt', '14 characters: a second entry with one character'],
    ['/name with spaces.and.dots.txt', 'blanks and several dots'],
    ['/Ünïcödé ファイル.txt', 'Unicode long name'],
    ['/MiXeD.Txt', 'mixed case needs a long name'],
  ])('%s (%s) is read from its long name', async (path) => {
    const entries = await entriesOf('fs-fat12')

    expect(entry(entries, path).flags.some((flag) => flag.startsWith('short-name:'))).toBe(true)
  })

  it('applies the NT lower-case flags of an 8.3-only name', async () => {
    const entries = await entriesOf('fs-fat12')

    expect(entry(entries, '/lower.txt').flags).toEqual(['archive'])
    expect(entry(entries, '/UPPER.TXT').flags).toEqual(['archive'])
  })

  it('reads a 240-character name whole, where TSK shortens it to 234', async () => {
    const entries = await entriesOf('fs-fat32')

    expect(entry(entries, LONG_240).name).toHaveLength(240)
  })

  it('shows the attributes of a hidden system read-only file', async () => {
    const entries = await entriesOf('fs-fat16')

    expect(entry(entries, '/sub/hidden.sys').flags).toEqual([
      'read-only',
      'hidden',
      'system',
      'archive',
    ])
  })
})

describe('FAT content', () => {
  it('gives a fragmented file as one run per fragment', async () => {
    const entries = await entriesOf('fs-fat12')

    expect(entry(entries, '/frag/big.bin').runs).toEqual([
      { offset: 24576, length: 2048 },
      { offset: 28672, length: 2048 },
      { offset: 32768, length: 1904 },
    ])
  })

  it("shows a deleted file whose first cluster is reused as TSK does: not recoverable, that cluster's bytes", async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-fat12'))
    const entries = new Map((await walkAll(fs)).entries.map((e) => [e.path, e]))
    const deleted = entry(entries, '/frag/_.bin')
    const reuser = fs.open(entry(entries, '/frag/big.bin'))

    expect(deleted).toMatchObject({ deleted: true, recoverable: false, size: 2048 })
    expect(deleted.flags).toContain('content-overwritten')
    expect(await fs.open(deleted).read(0, 4096)).toEqual(await reuser.read(2048, 512))
  })

  it('recovers a deleted file whose clusters are free, and lists the contents of a deleted directory', async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-fat12'))
    const entries = new Map((await walkAll(fs)).entries.map((e) => [e.path, e]))
    const inside = entry(entries, '/trash/_one/inside-deleted-dir.txt')

    expect(entry(entries, '/trash/_one')).toMatchObject({
      kind: 'directory',
      deleted: true,
      recoverable: true,
    })
    expect(inside).toMatchObject({ deleted: true, recoverable: true, size: 700 })
    expect((await fs.open(inside).read(0, 24)).toString()).toBe('OUTPOST-FIXTURE gone-inn')
  })

  it('gives an empty file no runs and empty content', async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-fat12'))
    const empty = (await walkAll(fs)).entries.find((e) => e.path === '/empty.dat')

    expect(empty?.runs).toEqual([])
    expect(empty === undefined ? null : (await contentHash(fs, empty)).bytes).toBe(0)
  })
})

describe('FAT times, label and layout', () => {
  it('reads times as UTC with the zone caveat: write time, access date, creation time, no change time', async () => {
    const entries = await entriesOf('fs-fat12')
    const upper = entry(entries, '/UPPER.TXT')

    expect(upper.times).toMatchObject({
      modified: '2010-01-01T00:01:00Z',
      accessed: '2010-01-01T00:00:00Z',
      changed: null,
    })
    expect(upper.timeNote).toContain('without a time zone')
  })

  it('names the volume from the root directory label and gives fsstat-like details', async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-fat16'))

    expect(fs.kind).toBe('fat16')
    expect(fs.label).toBe('FIXFAT16')
    expect(fs.details).toMatchObject({
      volumeId: '0xf16f1c5',
      sectorSize: 512,
      clusterSize: 512,
      fatCount: 2,
    })
  })

  it('lists free clusters as unallocated ranges that no allocated file uses', async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-fat32'))
    const walked = await walkAll(fs)
    const free = await fs.unallocated()
    const used = walked.entries.filter((e) => !e.deleted).flatMap((e) => e.runs)

    expect(free.length).toBeGreaterThan(0)
    for (const range of free) {
      expect(range.offset + range.length).toBeLessThanOrEqual(fs.source.size)
      for (const run of used) {
        const overlaps =
          run.offset !== null &&
          run.offset < range.offset + range.length &&
          range.offset < run.offset + run.length
        expect(overlaps).toBe(false)
      }
    }
  })
})
