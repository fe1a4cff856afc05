import { describe, expect, it } from 'vitest'
import { readBlockMap } from '../../../../main/core/filesystems/ext/ext-blockmap'
import { ExtCache } from '../../../../main/core/filesystems/ext/ext-cache'
import { parseDirBlock } from '../../../../main/core/filesystems/ext/ext-directory'
import { readExtentTree } from '../../../../main/core/filesystems/ext/ext-extents'
import type { ExtentContext } from '../../../../main/core/filesystems/ext/ext-extents'
import { isoTime } from '../../../../main/core/filesystems/ext/ext-inode'
import { blockRunsToDataRuns } from '../../../../main/core/filesystems/ext/ext-mapping'
import { parseSuperblock } from '../../../../main/core/filesystems/ext/ext-superblock'
import { isAppError } from '../../../../main/core/model/errors'
import { bufferSource } from '../../../helpers/file-source'

const BLOCK = 1024

/** A volume of `blocks` 1 KiB blocks to write structures into. */
function volume(blocks = 64): { bytes: Buffer; ctx: ExtentContext } {
  const bytes = Buffer.alloc(blocks * BLOCK)
  const cache = new ExtCache(bufferSource(bytes))
  return { bytes, ctx: { cache, blockSize: BLOCK, blocksCount: blocks, maxBlocks: blocks } }
}

/** An extent node: header then entries (leaf: [logical, length, physical]; index: [logical, child]). */
function extentNode(depth: number, entries: readonly (readonly number[])[], size = 60): Buffer {
  const node = Buffer.alloc(size)
  node.writeUInt16LE(0xf30a, 0)
  node.writeUInt16LE(entries.length, 2)
  node.writeUInt16LE(Math.floor((size - 12) / 12), 4)
  node.writeUInt16LE(depth, 6)
  entries.forEach((e, i) => {
    const at = 12 + i * 12
    node.writeUInt32LE(e[0] ?? 0, at)
    if (depth === 0) {
      node.writeUInt16LE(e[1] ?? 0, at + 4)
      node.writeUInt32LE(e[2] ?? 0, at + 8)
    } else node.writeUInt32LE(e[1] ?? 0, at + 4)
  })
  return node
}

function dirent(inode: number, name: string, recLen: number, type = 1): Buffer {
  const entry = Buffer.alloc(recLen)
  entry.writeUInt32LE(inode, 0)
  entry.writeUInt16LE(recLen, 4)
  entry.writeUInt8(Buffer.byteLength(name), 6)
  entry.writeUInt8(type, 7)
  entry.write(name, 8)
  return entry
}

const DIR_OPTIONS = { hasFileType: true, lastInode: 1000, inDeletedDir: false }

describe('ext extent trees', () => {
  it('maps leaf extents in the inode, with gaps as holes and uninitialized extents as zeros', async () => {
    const { ctx } = volume()
    const root = extentNode(0, [
      [0, 2, 10],
      [4, 32_768 + 2, 20],
    ])

    const mapping = await readExtentTree(ctx, root)

    expect(mapping.problem).toBeNull()
    expect(blockRunsToDataRuns(mapping.runs, BLOCK, 7 * BLOCK)).toEqual([
      { offset: 10 * BLOCK, length: 2 * BLOCK },
      { offset: null, length: 5 * BLOCK },
    ])
  })

  it('follows index nodes (depth 1) to their leaves', async () => {
    const { bytes, ctx } = volume()
    extentNode(0, [[0, 3, 40]], BLOCK).copy(bytes, 5 * BLOCK)

    const mapping = await readExtentTree(ctx, extentNode(1, [[0, 5]]))

    expect(mapping).toEqual({ runs: [{ logical: 0, physical: 40, count: 3 }], problem: null })
  })

  it('stops at an index node that points back at itself (a cycle)', async () => {
    const { bytes, ctx } = volume()
    extentNode(1, [[0, 5]], BLOCK).copy(bytes, 5 * BLOCK)

    const mapping = await readExtentTree(ctx, extentNode(2, [[0, 5]]))

    expect(mapping.problem).toMatch(/depth|cycle/)
  })

  it('refuses a cycle between nodes of the claimed depth', async () => {
    const { bytes, ctx } = volume()
    // Depth 5 root → 5 → 6 → 5: the second visit of block 5 is refused.
    extentNode(4, [[0, 6]], BLOCK).copy(bytes, 5 * BLOCK)
    extentNode(3, [[0, 5]], BLOCK).copy(bytes, 6 * BLOCK)

    const mapping = await readExtentTree(ctx, extentNode(5, [[0, 5]]))

    expect(mapping.problem).not.toBeNull()
  })

  it.each([
    ['a depth over 5', extentNode(6, [[0, 5]])],
    ['no magic number', Buffer.alloc(60)],
    ['an extent outside the volume', extentNode(0, [[0, 4, 1_000_000]])],
    ['an index outside the volume', extentNode(1, [[0, 1_000_000]])],
  ])('reports %s as a problem', async (_what, root) => {
    const { ctx } = volume()

    expect((await readExtentTree(ctx, root)).problem).not.toBeNull()
  })
})

describe('ext block maps', () => {
  it('reads direct pointers, zero pointers as holes, then the single indirect block', async () => {
    const { bytes, ctx } = volume()
    const iBlock = Buffer.alloc(60)
    iBlock.writeUInt32LE(30, 0)
    iBlock.writeUInt32LE(31, 4)
    iBlock.writeUInt32LE(50, 12 * 4)
    bytes.writeUInt32LE(33, 50 * BLOCK)

    const mapping = await readBlockMap(ctx, iBlock, 13)

    expect(mapping.problem).toBeNull()
    expect(mapping.runs).toEqual([
      { logical: 0, physical: 30, count: 2 },
      { logical: 2, physical: null, count: 10 },
      { logical: 12, physical: 33, count: 1 },
    ])
  })

  it('stops at a pointer outside the volume', async () => {
    const { ctx } = volume()
    const iBlock = Buffer.alloc(60)
    iBlock.writeUInt32LE(0xfffffff0, 0)

    expect((await readBlockMap(ctx, iBlock, 1)).problem).toMatch(/outside/)
  })

  it('ends a triple indirect block that points at itself within the volume size', async () => {
    const { bytes, ctx } = volume(16)
    const iBlock = Buffer.alloc(60)
    iBlock.writeUInt32LE(9, 14 * 4)
    for (let i = 0; i < BLOCK / 4; i += 1) bytes.writeUInt32LE(9, 9 * BLOCK + i * 4)

    const mapping = await readBlockMap(ctx, iBlock, 2 ** 31)

    expect(mapping.problem).toMatch(/more/)
  })
})

describe('ext directory blocks (as TSK reads them)', () => {
  it('finds a deleted entry in the slack of the entry before it', () => {
    const block = Buffer.alloc(BLOCK)
    dirent(12, 'kept.txt', 12 + 20).copy(block, 0)
    dirent(13, 'gone.txt', 20).copy(block, 20)
    dirent(14, 'last.txt', BLOCK - 40).copy(block, 40)
    block.writeUInt16LE(40, 4) // kept.txt's record now absorbs gone.txt

    expect(parseDirBlock(block, DIR_OPTIONS)).toEqual([
      { inode: 12, name: 'kept.txt', type: 'file', deleted: false },
      { inode: 13, name: 'gone.txt', type: 'file', deleted: true },
      { inode: 14, name: 'last.txt', type: 'file', deleted: false },
    ])
  })

  it('marks inode 0 and every name of a deleted directory deleted, and skips . and ..', () => {
    const block = Buffer.alloc(BLOCK)
    dirent(2, '.', 12, 2).copy(block, 0)
    dirent(0, 'zeroed', BLOCK - 12).copy(block, 12)

    expect(parseDirBlock(block, DIR_OPTIONS)).toEqual([
      { inode: 0, name: 'zeroed', type: 'file', deleted: true },
    ])
    expect(parseDirBlock(dirent(5, 'x', BLOCK), { ...DIR_OPTIONS, inDeletedDir: true })).toEqual([
      { inode: 5, name: 'x', type: 'file', deleted: true },
    ])
  })

  it('steps over records of length 0, inodes past the last and names past the block', () => {
    const block = Buffer.alloc(BLOCK)
    dirent(12, 'a', 12).copy(block, 0)
    block.writeUInt16LE(0, 4)
    dirent(5000, 'b', 12).copy(block, 12)
    dirent(13, 'c', 12).copy(block, BLOCK - 12)
    block.writeUInt16LE(64, BLOCK - 12 + 4)

    expect(parseDirBlock(block, DIR_OPTIONS)).toEqual([])
  })
})

describe('ext superblock and times', () => {
  function superblock(edit: (raw: Buffer) => void): Buffer {
    const raw = Buffer.alloc(1024)
    raw.writeUInt32LE(128, 0)
    raw.writeUInt32LE(1024, 4)
    raw.writeUInt32LE(1, 20)
    raw.writeUInt32LE(8192, 32)
    raw.writeUInt32LE(128, 40)
    raw.writeUInt16LE(0xef53, 56)
    raw.writeUInt32LE(1, 76)
    raw.writeUInt16LE(256, 88)
    edit(raw)
    return raw
  }

  it.each([
    ['ext2', 0, 0, 0],
    ['ext3', 0x4, 0x2, 0],
    ['ext4', 0x4, 0x2 | 0x40, 0],
    ['ext4', 0, 0x2, 0x400],
  ])('tells %s by its features (compat %s, incompat %s, ro_compat %s)', (kind, c, i, r) => {
    const sb = parseSuperblock(
      superblock((raw) => {
        raw.writeUInt32LE(c, 92)
        raw.writeUInt32LE(i, 96)
        raw.writeUInt32LE(r, 100)
      }),
    )

    expect(sb.kind).toBe(kind)
  })

  it.each([
    ['block size', (raw: Buffer) => raw.writeUInt32LE(30, 24)],
    ['blocks per group', (raw: Buffer) => raw.writeUInt32LE(0, 32)],
    ['inode size', (raw: Buffer) => raw.writeUInt16LE(100, 88)],
    ['block count', (raw: Buffer) => raw.writeUInt32LE(0, 4)],
    [
      'descriptor size',
      (raw: Buffer) => {
        raw.writeUInt32LE(0x80, 96)
        raw.writeUInt16LE(48, 0xfe)
      },
    ],
  ])('refuses an impossible %s with FILESYSTEM_CORRUPT', (_what, edit) => {
    let error: unknown
    try {
      parseSuperblock(superblock(edit))
    } catch (caught: unknown) {
      error = caught
    }

    expect(isAppError(error) && error.code === 'FILESYSTEM_CORRUPT').toBe(true)
  })

  it('reads nanoseconds and the epoch bits of the extra time fields', () => {
    expect(isoTime(1_262_304_000, 123_456_789 << 2)).toBe('2010-01-01T00:00:00.123456789Z')
    expect(isoTime(-1, 1)).toBe('2106-02-07T06:28:15Z')
    expect(isoTime(0, 0)).toBeNull()
  })
})
