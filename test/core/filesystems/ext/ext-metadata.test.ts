import { describe, expect, it } from 'vitest'
import type { FileEntry, FileSystem } from '../../../../main/core/filesystems/file-system'
import { openFileSystem } from '../../../../main/core/filesystems/open-file-system'
import { isAppError } from '../../../../main/core/model/errors'
import { bufferSource } from '../../../helpers/file-source'
import { entryAt, fixtureBytes, listFixture, openFixtureFs } from '../fixture-images'

async function content(fs: FileSystem, item: FileEntry): Promise<Buffer> {
  const source = fs.open(item)
  return source.read(0, source.size)
}

/** Byte offset of inode `number` (the fixtures have one block group). */
function inodeOffset(fs: FileSystem, number: number): number {
  return Number(fs.details.inodeTableOffset) + (number - 1) * Number(fs.details.inodeSize)
}

describe('ext metadata as the fixture generator set it', () => {
  it.each([
    ['fs-ext2', 'ext2', 'FIXEXT2'],
    ['fs-ext3', 'ext3', 'FIXEXT3'],
    ['fs-ext4', 'ext4', 'FIXEXT4'],
  ])('%s is recognised by its superblock as %s, labelled %s', async (name, kind, label) => {
    const fs = await openFixtureFs(fixtureBytes(name))

    expect({ kind: fs.kind, label: fs.label, replayed: fs.details.journalReplayed }).toEqual({
      kind,
      label,
      replayed: false,
    })
  })

  it.each(['fs-ext2', 'fs-ext3', 'fs-ext4'])(
    '%s: owners (32-bit uid), modes, link targets',
    async (name) => {
      const { entries } = await listFixture(fixtureBytes(name))

      expect(entryAt(entries, '/README.txt')).toMatchObject({
        owner: 'uid 1000',
        group: 'gid 1000',
      })
      expect(entryAt(entries, '/docs/report.txt')).toMatchObject({
        owner: 'uid 131070',
        group: 'gid 100',
      })
      expect(entryAt(entries, '/UPPER.TXT').mode).toBe(0o104750)
      expect(entryAt(entries, '/docs').mode).toBe(0o040750)
      expect(entryAt(entries, '/link-fast')).toMatchObject({
        kind: 'symlink',
        linkTarget: 'README.txt',
      })
      expect(entryAt(entries, '/link-slow').linkTarget).toBe(
        `docs/a/b/c/${'a-long-symlink-target-'.repeat(4)}deep.txt`,
      )
      expect(entryAt(entries, '/docs/hardlink.txt').id).toBe(
        entryAt(entries, '/docs/report.txt').id,
      )
    },
  )

  it('reads nanosecond times and the creation time of ext4 inodes', async () => {
    const { entries } = await listFixture(fixtureBytes('fs-ext4'))

    expect(entryAt(entries, '/README.txt').times).toEqual({
      modified: '2010-01-01T00:16:40.123456789Z',
      accessed: '2010-01-01T00:16:41.123456790Z',
      changed: '2010-01-01T00:16:42.123456791Z',
      born: '2010-01-01T00:16:43.123456792Z',
    })
    expect(entryAt(entries, '/inline-small.txt').times.modified).toBe(
      '2010-01-01T00:33:20.000000005Z',
    )
  })
})

describe('ext content', () => {
  it('reads inline data through the reader, its runs locating the bytes in the inode', async () => {
    const bytes = fixtureBytes('fs-ext4')
    const { fs, entries } = await listFixture(bytes)
    const inline = entryAt(entries, '/inline-xattr.txt')
    const byId = await (fs.openById?.(inline.id) ?? Promise.reject(new Error('no openById')))

    const data = await content(fs, inline)
    const located = Buffer.concat(
      inline.runs.map((run) => bytes.subarray(run.offset ?? 0, (run.offset ?? 0) + run.length)),
    )

    expect(inline.contentAccess).toBe('reader')
    expect(data.length).toBe(100)
    expect(data.toString('latin1', 0, 17)).toBe('ext4-inline-xattr')
    expect(await byId.read(0, 100)).toEqual(data)
    expect(located).toEqual(data)
  })

  it('reads preallocated (uninitialized) extents as zeros, over the old data there', async () => {
    const { fs, entries } = await listFixture(fixtureBytes('fs-ext4'))
    const prealloc = entryAt(entries, '/prealloc.bin')

    const data = await content(fs, prealloc)

    expect(data.length).toBe(24_576)
    expect(data.toString('latin1', 0, 13)).toBe('ext4-prealloc')
    expect(data.subarray(8192).every((byte) => byte === 0)).toBe(true)
    expect(prealloc.runs.some((run) => run.offset === null)).toBe(true)
  })

  it('maps a fragmented file through an extent index node and a sparse file with a hole', async () => {
    const { entries } = await listFixture(fixtureBytes('fs-ext4'))

    expect(entryAt(entries, '/frag/big.bin').runs.length).toBeGreaterThan(4)
    expect(entryAt(entries, '/sparse.bin').runs).toContainEqual({
      offset: null,
      length: 299 * 4096,
    })
  })

  it('lists orphan inodes and deleted names as deleted, orphans flagged', async () => {
    const { entries } = await listFixture(fixtureBytes('fs-ext4'))
    const orphans = [...entries.values()].filter((e) => e.path.startsWith('/$OrphanFiles/'))

    expect(orphans.length).toBeGreaterThan(2)
    expect(orphans.every((e) => e.deleted)).toBe(true)
    expect(
      orphans
        .filter((e) => e.name.startsWith('OrphanFile-'))
        .every((e) => e.flags.includes('orphan')),
    ).toBe(true)
    expect(entryAt(entries, '/docs/secret.txt')).toMatchObject({ deleted: true, recoverable: true })
  })

  it('does not call a deleted file recoverable once another file holds its blocks', async () => {
    const { entries } = await listFixture(fixtureBytes('fs-ext4'))
    // fill-3's blocks went to /frag/big.bin, written after it was deleted.
    const reused = entryAt(entries, '/frag/fill-3.bin')
    expect(reused).toMatchObject({ deleted: true, recoverable: false })
    expect(reused.flags).toContain('blocks-reused')
    const big = entryAt(entries, '/frag/big.bin')
    const overlaps = reused.runs.some((r) =>
      big.runs.some(
        (b) =>
          r.offset !== null &&
          b.offset !== null &&
          r.offset < b.offset + b.length &&
          b.offset < r.offset + r.length,
      ),
    )
    expect(overlaps).toBe(true)
    expect(entryAt(entries, '/docs/secret.txt').flags).not.toContain('blocks-reused')
  })

  it('refuses an inode number the file system does not have with NOT_FOUND', async () => {
    const fs = await openFixtureFs(fixtureBytes('fs-ext4'))

    await expect(fs.openById?.('99999999')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('damaged ext file systems', () => {
  it('is not recognised without its magic number, and refuses an impossible block size', async () => {
    const noMagic = Buffer.from(fixtureBytes('fs-ext2'))
    noMagic.writeUInt16LE(0, 1080)
    const badSize = Buffer.from(fixtureBytes('fs-ext2'))
    badSize.writeUInt32LE(40, 1024 + 24)

    expect(await openFileSystem(bufferSource(noMagic))).toBeNull()
    const error = await openFileSystem(bufferSource(badSize)).catch((e: unknown) => e)
    expect(isAppError(error) && error.code === 'FILESYSTEM_CORRUPT').toBe(true)
  })

  it('reports an extent index pointing at itself (a cycle) and goes on', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-ext4'))
    const { fs, entries } = await listFixture(bytes)
    const big = entryAt(entries, '/frag/big.bin')
    const at = inodeOffset(fs, Number(big.id)) + 40
    expect(bytes.readUInt16LE(at + 6)).toBe(1) // depth 1: one index node
    const child = bytes.readUInt32LE(at + 12 + 4)
    // Root depth 2 → its node, now an index of depth 1 whose only child is itself.
    bytes.writeUInt16LE(2, at + 6)
    bytes.writeUInt16LE(1, child * 4096 + 2)
    bytes.writeUInt16LE(1, child * 4096 + 6)
    bytes.writeUInt32LE(child, child * 4096 + 12 + 4)
    bytes.writeUInt16LE(0, child * 4096 + 12 + 8)

    const after = await listFixture(bytes)

    expect(after.problems.filter((p) => p.startsWith('/frag/big.bin: '))).toEqual([
      expect.stringMatching(/twice \(a cycle\)/),
    ])
    expect(after.entries.has('/README.txt')).toBe(true)
  })

  it('reports a root inode that is not a directory and still lists the orphans', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-ext2'))
    const fs = await openFixtureFs(bytes)
    bytes.writeUInt16LE(0o100644, inodeOffset(fs, 2))

    const after = await listFixture(bytes)

    expect(after.problems).toEqual(['/: The root directory inode (2) is not a directory.'])
  })
})
