import { describe, expect, it } from 'vitest'
import type { FileSystem } from '../../../../main/core/filesystems/file-system'
import {
  dataAttribute,
  openNtfsVolume,
  readFile,
} from '../../../../main/core/filesystems/ntfs/ntfs-volume'
import { bufferSource } from '../../../helpers/file-source'
import {
  entryAt,
  fixtureBytes,
  listFixture,
  fixtureExpected,
  openFixtureFs,
} from '../fixture-images'
import { contentHash, differences, walkAll } from '../tsk-oracle'

/** Byte offset of MFT record `n` in the fixture (its MFT is one run). */
function recordOffset(fs: FileSystem, n: number): number {
  return Number(fs.details.mftOffset) + n * Number(fs.details.mftRecordSize)
}

describe('NTFS fixture against The Sleuth Kit', () => {
  it('lists every file, stream and deleted entry with TSK’s MFT entry, type, size, times and content hash', async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-ntfs'))
    const walked = await walkAll(fs)
    const files = fixtureExpected('fs-ntfs').filesystems[0]?.files ?? []

    expect(await differences(fs, walked, files, { times: 'fat' })).toEqual([])
    expect(walked.problems).toEqual([])
    expect(fs.label).toBe('FIXNTFS')
  })

  it('describes the volume like fsstat', async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-ntfs'))

    expect(fs.kind).toBe('ntfs')
    expect(fs.clusterSize).toBe(1024)
    expect(fs.details).toMatchObject({
      type: 'NTFS',
      version: 'Windows XP',
      clusterRange: '0 - 6142',
      mftRecordSize: 1024,
      indexRecordSize: 4096,
      firstMftCluster: 16,
    })
  })
})

describe('NTFS data', () => {
  it('lists alternate data streams as file:stream with their own id, also through an attribute list', async () => {
    const { fs, entries } = await listFixture(fixtureBytes('fs-ntfs'))
    const note = entryAt(entries, '/docs/report.txt:note')
    const streams = [...entries.keys()].filter((p) => p.startsWith('/many-streams.txt:'))

    expect(note).toMatchObject({ id: '77:note', name: 'report.txt:note', stream: 'note' })
    expect((await fs.open(note).read(0, 11)).toString()).toBe('OUTPOST-ADS')
    expect(streams).toHaveLength(14)
  })

  it('lists a hard link at each of its paths with the same id', async () => {
    const { entries } = await listFixture(fixtureBytes('fs-ntfs'))
    const ids = ['/docs/report.txt', '/docs/hardlink.txt', '/Ünïcödé/link-to-report.txt'].map(
      (p) => entryAt(entries, p).id,
    )

    expect(ids).toEqual(['77', '77', '77'])
  })

  it('gives resident and compressed data through openById, located in the MFT or the clusters', async () => {
    const { fs, entries } = await listFixture(fixtureBytes('fs-ntfs'))
    const tiny = entryAt(entries, '/tiny.txt')
    const compressed = entryAt(entries, '/compressed/compressible.txt')
    const opened = await fs.openById?.(compressed.id)

    expect(tiny).toMatchObject({ contentAccess: 'reader', size: 40 })
    expect(tiny.runs[0]?.offset).toBeGreaterThan(Number(fs.details.mftOffset))
    expect(compressed.contentAccess).toBe('reader')
    expect(compressed.flags).toContain('lznt1')
    expect(opened?.size).toBe(70000)
    expect((await opened?.read(0, 12))?.toString()).toBe('compressible')
  })

  it('reads a sparse file’s hole as zeros and a fragmented file across its runs', async () => {
    const { fs, entries } = await listFixture(fixtureBytes('fs-ntfs'))
    const sparse = entryAt(entries, '/sparse.bin')
    const fragmented = entryAt(entries, '/frag/fragmented.bin')

    expect(sparse.runs.some((run) => run.offset === null)).toBe(true)
    expect((await fs.open(sparse).read(100_000, 16)).equals(Buffer.alloc(16))).toBe(true)
    expect(fragmented.runs.length).toBeGreaterThan(2)
    expect((await contentHash(fs, fragmented)).bytes).toBe(40000)
  })

  it('recovers deleted files and a deleted directory’s content', async () => {
    const { fs, entries } = await listFixture(fixtureBytes('fs-ntfs'))
    const secret = entryAt(entries, '/docs/secret.txt')

    expect(secret).toMatchObject({ deleted: true, recoverable: true, size: 3100 })
    expect((await fs.open(secret).read(0, 6)).toString()).toBe('secret')
    expect(entryAt(entries, '/trash/gone')).toMatchObject({ kind: 'directory', deleted: true })
    expect(entryAt(entries, '/trash/gone/inner.txt')).toMatchObject({ deleted: true })
  })

  it('tells a deleted file whose clusters are allocated again as not recoverable', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-ntfs'))
    const { fs, entries } = await listFixture(bytes)
    const cluster = (entryAt(entries, '/docs/secret.txt').runs[0]?.offset ?? 0) / fs.clusterSize
    // Mark the cluster in use in $Bitmap (MFT entry 6, one run).
    const volume = await openNtfsVolume(bufferSource(bytes))
    const bitmap = await readFile(volume, 6)
    const lcn = (bitmap === null ? undefined : dataAttribute(bitmap))?.runs[0]?.lcn ?? 0
    const at = lcn * fs.clusterSize + Math.floor(cluster / 8)
    bytes.writeUInt8(bytes.readUInt8(at) | (1 << (cluster % 8)), at)

    const after = await listFixture(bytes)

    expect(entryAt(after.entries, '/docs/secret.txt')).toMatchObject({
      deleted: true,
      recoverable: false,
    })
  })

  it('lists an orphan directory (its parent record reused) with its content under /$OrphanFiles', async () => {
    const { fs, entries } = await listFixture(fixtureBytes('fs-ntfs'))
    const kept = entryAt(entries, '/$OrphanFiles/found/kept.txt')

    expect(entryAt(entries, '/$OrphanFiles/found')).toMatchObject({
      kind: 'directory',
      deleted: true,
    })
    expect(entryAt(entries, '/$OrphanFiles/found/deeper/deepest.txt').deleted).toBe(true)
    expect((await fs.open(kept).read(0, 4)).toString()).toBe('kept')
    expect(entries.has('/$OrphanFiles/kept.txt')).toBe(false)
  })

  it('keeps $FILE_NAME times, 100 ns precision and the owner SID', async () => {
    const { entries } = await listFixture(fixtureBytes('fs-ntfs'))
    const readme = entryAt(entries, '/README.txt')

    expect(readme.times.modified).toBe('2010-01-01T00:01:00Z')
    expect(readme.fileNameTimes?.born).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$/)
    expect(readme.timeNote).toContain('UTC')
    expect(readme.owner).toMatch(/^S-1-5-/)
  })
})

describe('NTFS reparse points and EFS', () => {
  it('gives a symbolic link’s target, listed as a file as TSK does', async () => {
    const { entries } = await listFixture(fixtureBytes('fs-ntfs'))

    expect(entryAt(entries, '/link-to-readme')).toMatchObject({
      kind: 'file',
      linkTarget: 'README.txt',
    })
    expect(entryAt(entries, '/link-to-readme').flags).toContain('reparse-point')
  })

  it('marks a file whose $STANDARD_INFORMATION says encrypted (EFS)', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-ntfs'))
    const { fs, entries } = await listFixture(bytes)
    const id = Number(entryAt(entries, '/tiny.txt').id)
    const at = recordOffset(fs, id)
    // The first attribute is $STANDARD_INFORMATION; its value's flags are 32 bytes in.
    const si = at + bytes.readUInt16LE(at + 20)
    const flags = si + bytes.readUInt16LE(si + 20) + 32
    bytes.writeUInt32LE(bytes.readUInt32LE(flags) | 0x4000, flags)

    const tiny = entryAt((await listFixture(bytes)).entries, '/tiny.txt')

    expect(tiny.encrypted).toBe(true)
    expect(tiny.flags).toContain('encrypted')
    expect(entryAt(entries, '/tiny.txt').encrypted).toBe(false)
  })
})

describe('NTFS damage', () => {
  it('reports a record whose update sequence fails and lists the rest', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-ntfs'))
    const { fs, entries } = await listFixture(bytes)
    const id = Number(entryAt(entries, '/tiny.txt').id)
    bytes.writeUInt16LE(0xbeef, recordOffset(fs, id) + 510)

    const after = await listFixture(bytes)

    expect(after.entries.has('/tiny.txt')).toBe(false)
    expect(after.entries.has('/README.txt')).toBe(true)
    expect(after.problems.join(' ')).toContain(`MFT entry ${id}`)
  })

  it('finds the MFT through $MFTMirr when the $MFT’s own record is damaged', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-ntfs'))
    const fs = await openFixtureFs(bytes)
    bytes.writeUInt16LE(0xbeef, recordOffset(fs, 0) + 510)

    const { entries, problems } = await listFixture(bytes)

    expect(problems[0]).toContain('$MFTMirr was used')
    expect(entries.has('/README.txt')).toBe(true)
  })

  it('refuses a boot sector whose cluster size is impossible', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-ntfs'))
    bytes.writeUInt8(3, 13)

    await expect(openFixtureFs(bytes)).rejects.toMatchObject({ code: 'FILESYSTEM_CORRUPT' })
  })

  it('does not loop when the index of a directory names an ancestor', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-ntfs'))
    const { fs, entries } = await listFixture(bytes)
    const c = Number(entryAt(entries, '/docs/a/b/c').id)
    const docs = Number(entryAt(entries, '/docs').id)
    // The index entry of deep.txt in c's $INDEX_ROOT: its $FILE_NAME key starts 16 bytes in,
    // the name 66 bytes into the key.
    const name = bytes.indexOf(Buffer.from('deep.txt', 'utf16le'), recordOffset(fs, c))
    bytes.writeUIntLE(docs, name - 66 - 16, 6)

    const after = await listFixture(bytes)

    expect(after.entries.get('/docs/a/b/c/deep.txt')?.kind).toBe('directory')
    expect(after.problems.join(' ')).toContain('already listed')
  })
})
