import { describe, expect, it } from 'vitest'
import type { FileSystem } from '../../../../main/core/filesystems/file-system'
import {
  entryAt,
  fixtureBytes,
  listFixture,
  fixtureExpected,
  openFixtureFs,
} from '../fixture-images'
import { differences, walkAll } from '../tsk-oracle'

/** Byte offset of the slot TSK numbers `id` (3 = first slot of the cluster heap). */
function slotOffset(fs: FileSystem, id: string): number {
  const heap = Number(fs.details.clusterHeapStartSector) * Number(fs.details.sectorSize)
  return heap + (Number(id) - 3) * 32
}

/** XOR one byte of `bytes` (in place). */
function flip(bytes: Buffer, at: number, mask: number): void {
  bytes.writeUInt8(bytes.readUInt8(at) ^ mask, at)
}

describe('exFAT fixture against The Sleuth Kit', () => {
  it('lists every entry set, its slot number, size, deleted flag, times and content hash as TSK does', async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-exfat'))
    const walked = await walkAll(fs)
    const files = fixtureExpected('fs-exfat').filesystems[0]?.files ?? []

    expect(await differences(fs, walked, files, { times: 'exfat' })).toEqual([])
    expect(walked.problems).toEqual([])
  })
})

describe('exFAT entry sets', () => {
  it('reads contiguous files from their first cluster and chained files through the FAT', async () => {
    const { entries } = await listFixture(fixtureBytes('fs-exfat'))

    expect(entryAt(entries, '/README.txt').flags).toContain('no-fat-chain')
    expect(entryAt(entries, '/interleaved-big.bin').flags).not.toContain('no-fat-chain')
    expect(entryAt(entries, '/interleaved-big.bin').runs.length).toBeGreaterThan(5)
  })

  it('keeps Unicode, emoji and 200-character names, checked against their name hash', async () => {
    const { entries } = await listFixture(fixtureBytes('fs-exfat'))
    const names = [...entries.values()].filter((e) => e.flags.includes('name-hash-mismatch'))

    expect(entries.has('/Ünïcödé-Dïr/emoji-🦊.txt')).toBe(true)
    expect([...entries.keys()].some((path) => path.length === 201)).toBe(true)
    expect(names).toEqual([])
  })

  it('lists a deleted entry set and the contents of a deleted directory, recovered', async () => {
    const { fs, entries } = await listFixture(fixtureBytes('fs-exfat'))
    const secret = entryAt(entries, '/deleted-secret.txt')

    expect(secret).toMatchObject({ deleted: true, recoverable: true, size: 9000 })
    expect((await fs.open(secret).read(0, 23)).toString()).toBe('OUTPOST-FIXTURE deleted')
    expect(entryAt(entries, '/gone/inside.txt')).toMatchObject({ deleted: true, recoverable: true })
  })

  it('flags a set whose checksum fails (a changed time stamp) but still lists it', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-exfat'))
    const { fs, entries } = await listFixture(bytes)
    flip(bytes, slotOffset(fs, entryAt(entries, '/README.txt').id) + 12, 0x01)

    const after = await listFixture(bytes)

    expect(entryAt(after.entries, '/README.txt').flags).toContain('set-checksum-mismatch')
  })

  it('flags a stream entry whose name hash does not match the up-cased name', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-exfat'))
    const { fs, entries } = await listFixture(bytes)
    flip(bytes, slotOffset(fs, entryAt(entries, '/README.txt').id) + 32 + 4, 0xff)

    const after = await listFixture(bytes)

    expect(entryAt(after.entries, '/README.txt').flags).toEqual(
      expect.arrayContaining(['name-hash-mismatch', 'set-checksum-mismatch']),
    )
  })
})

describe('exFAT times', () => {
  it.each([
    [0x88, '2009-12-31T22:01:00Z', 'converted to UTC'],
    [0xf8, '2010-01-01T02:01:00Z', 'converted to UTC'],
    [0x00, '2010-01-01T00:01:00Z', 'read as UTC'],
  ])('applies the UTC offset byte 0x%s of the write time', async (offsetByte, modified, note) => {
    const bytes = Buffer.from(fixtureBytes('fs-exfat'))
    const { fs, entries } = await listFixture(bytes)
    const at = slotOffset(fs, entryAt(entries, '/README.txt').id)
    bytes.writeUInt8(offsetByte, at + 23)

    const readme = entryAt((await listFixture(bytes)).entries, '/README.txt')

    expect(readme.times.modified).toBe(modified)
    expect(readme.timeNote).toContain(note)
  })

  it('adds the 10 ms count of the write time', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-exfat'))
    const { fs, entries } = await listFixture(bytes)
    bytes.writeUInt8(150, slotOffset(fs, entryAt(entries, '/README.txt').id) + 21)

    const readme = entryAt((await listFixture(bytes)).entries, '/README.txt')

    expect(readme.times.modified).toBe('2010-01-01T00:01:01.500Z')
  })
})

describe('exFAT boot region', () => {
  it('falls back to the backup boot region when the main one fails its checksum', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-exfat'))
    flip(bytes, 200, 0xff)

    const { fs, problems } = await listFixture(bytes)

    expect(fs.details.bootRegion).toBe('backup')
    expect(problems).toContainEqual(
      expect.stringContaining(
        'The main exFAT boot region fails its checksum; the backup boot region was used.',
      ),
    )
  })

  it('reads the main boot sector, with a warning, when both regions fail', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-exfat'))
    flip(bytes, 200, 0xff)
    flip(bytes, 12 * 512 + 200, 0xff)

    const { fs, entries, problems } = await listFixture(bytes)

    expect(fs.details.bootRegion).toBe('main')
    expect(problems[0]).toContain('fails its checksum (main and backup)')
    expect(entries.has('/README.txt')).toBe(true)
  })

  it('describes the volume like fsstat: serial, label, cluster range', async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-exfat'))

    expect(fs.kind).toBe('exfat')
    expect(fs.label).toBe('FIXEXFAT')
    expect(fs.details).toMatchObject({
      clusterSize: 4096,
      clusterRange: '2 - 513',
      upcaseTableVerified: true,
    })
  })
})
