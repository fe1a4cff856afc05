import { describe, expect, it } from 'vitest'
import type { FileEntry, FileSystem } from '../../../../main/core/filesystems/file-system'
import { openFileSystem } from '../../../../main/core/filesystems/open-file-system'
import { AppError } from '../../../../main/core/model/errors'
import { bufferSource } from '../../../helpers/file-source'
import { fixtureBytes, openFixtureFs } from '../fixture-images'
import { walkAll } from '../tsk-oracle'

/** fs-fat12: root directory at sector 19, cluster 2 at sector 33, FAT 1 at sector 1. */
const ROOT = 19 * 512
const HEAP = 33 * 512
const FAT1 = 512
/** fs-fat32: cluster 2 at sector 1104, FAT 1 at sector 32. */
const HEAP32 = 1104 * 512
const FAT32_1 = 32 * 512

const slot = (id: number): number => ROOT + (id - 3) * 32
const cluster = (offset: number, heap = HEAP): number => 2 + (offset - heap) / 512

function setFat12(bytes: Buffer, index: number, value: number): void {
  const at = FAT1 + index + (index >> 1)
  const pair = bytes.readUInt16LE(at)
  bytes.writeUInt16LE(index & 1 ? (pair & 0x000f) | (value << 4) : (pair & 0xf000) | value, at)
}

async function listing(bytes: Buffer): Promise<{
  fs: FileSystem
  entries: Map<string, FileEntry>
  problems: { path: string; detail: string }[]
}> {
  const fs = await openFixtureFs(bytes)
  const walked = await walkAll(fs)
  return {
    fs,
    entries: new Map(walked.entries.map((e) => [e.path, e])),
    problems: [...walked.problems],
  }
}

function fat12(): Buffer {
  return Buffer.from(fixtureBytes('fs-fat12'))
}

/** XOR one byte of `bytes` (in place). */
function flip(bytes: Buffer, at: number, mask: number): void {
  bytes.writeUInt8(bytes.readUInt8(at) ^ mask, at)
}

describe('FAT long names that do not belong', () => {
  it('drops a long name whose checksum does not match its 8.3 entry and shows the 8.3 name', async () => {
    const bytes = fat12()
    flip(bytes, slot(6) + 13, 0xff)

    const { entries } = await listing(bytes)

    expect(entries.has('/MiXeD.Txt')).toBe(false)
    expect(entries.get('/MIXED.TXT')?.flags).toContain('orphan-long-name-dropped')
  })
})

describe('FAT chains and directories that loop', () => {
  it('stops a cluster chain that loops back, and reports how much is reachable', async () => {
    const bytes = fat12()
    const first = cluster(24576)
    setFat12(bytes, first + 3, first)

    const { entries, problems } = await listing(bytes)

    expect(entries.get('/frag/big.bin')?.runs).toEqual([{ offset: 24576, length: 2048 }])
    expect(problems).toContainEqual({
      kind: 'problem',
      path: '/frag/big.bin',
      detail: 'Only 2048 of 6000 bytes are reachable: the cluster chain loops back on itself.',
    })
  })

  it('reports a subdirectory that points back at an ancestor and does not enter it', async () => {
    const bytes = fat12()
    const { entries } = await listing(Buffer.from(bytes))
    const dir1 = cluster(entries.get('/dir1')?.runs[0]?.offset ?? 0)
    bytes.writeUInt16LE(dir1, slot(373) + 26)

    const after = await listing(bytes)

    expect(after.entries.has('/dir1/dir2/dir3')).toBe(true)
    expect(after.entries.has('/dir1/dir2/dir3/deep.txt')).toBe(false)
    expect(after.entries.has('/dir1/dir2/dir3/dir2')).toBe(false)
    expect(after.problems.map((p) => p.path)).toContain('/dir1/dir2/dir3')
  })
})

describe('FAT entries with impossible fields', () => {
  it.each([
    ['a first cluster past the last cluster', (b: Buffer) => b.writeUInt16LE(4000, slot(4) + 26)],
    ['a size larger than the volume', (b: Buffer) => b.writeUInt32LE(0xffffffff, slot(4) + 28)],
  ])('reports an entry with %s instead of listing it', async (_what, damage) => {
    const bytes = fat12()
    damage(bytes)

    const { entries, problems } = await listing(bytes)

    expect(entries.has('/UPPER.TXT')).toBe(false)
    expect(problems).toContainEqual({
      kind: 'problem',
      path: '/',
      detail: `Directory entry at byte ${slot(4)} is not valid; skipped.`,
    })
  })

  it('reports a FAT32 root directory cluster outside the heap, and lists nothing', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-fat32'))
    bytes.writeUInt32LE(0, 44)

    const { fs, entries, problems } = await listing(bytes)

    expect(entries.size).toBe(0)
    expect(problems[0]?.detail).toContain("root directory's first cluster (0)")
    expect(fs.label).toBe('FIXFAT32')
  })

  it('refuses a boot sector whose reserved area leaves no data area', async () => {
    const bytes = fat12()
    bytes.writeUInt16LE(0xffff, 14)

    await expect(openFileSystem(bufferSource(bytes))).rejects.toMatchObject({
      code: 'FILESYSTEM_CORRUPT',
    })
  })

  it('is not a FAT file system without a boot sector', async () => {
    const bytes = fat12()
    bytes.fill(0, 0, 512)

    expect(await openFileSystem(bufferSource(bytes))).toBeNull()
  })
})

describe('A truncated FAT image', () => {
  it('lists what is there, warns, and refuses to read content past the end', async () => {
    const bytes = fat12().subarray(0, 26_000)

    const { fs, entries, problems } = await listing(bytes)
    const big = entries.get('/frag/big.bin')

    expect(problems[0]?.detail).toContain('clusters past the end cannot be read')
    expect(entries.has('/UPPER.TXT')).toBe(true)
    expect(big).toBeDefined()
    if (big !== undefined) await expect(fs.open(big).read(0, 6000)).rejects.toBeInstanceOf(AppError)
  })
})

describe('A FAT image whose container cannot give some bytes', () => {
  it('reports the directory it cannot read and lists the rest', async () => {
    const bytes = fat12()
    const dir1 = 20_992
    const failing = { ...bufferSource(bytes) }
    failing.read = (offset: number, length: number) =>
      offset < dir1 + 512 && offset + length > dir1
        ? Promise.reject(new AppError('EVIDENCE_READ', 'segment 2 is missing'))
        : bufferSource(bytes).read(offset, length)
    const fs = await openFileSystem(failing)
    if (fs === null) throw new Error('not opened')

    const walked = await walkAll(fs)

    expect(walked.entries.map((e) => e.path)).toEqual(
      expect.arrayContaining(['/dir1', '/frag/big.bin']),
    )
    expect(walked.entries.some((e) => e.path.startsWith('/dir1/'))).toBe(false)
    expect(walked.problems).toContainEqual({
      kind: 'problem',
      path: '/dir1',
      detail: 'The directory could not be read further: segment 2 is missing',
    })
  })
})

describe("TSK's rule for deleted FAT files", () => {
  const file = '/deleted-recoverable.txt'
  const start = 676_864

  it('skips clusters allocated since, taking the next free ones', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-fat32'))
    bytes.writeUInt32LE(0x0fffffff, FAT32_1 + (cluster(start, HEAP32) + 2) * 4)

    const { entries } = await listing(bytes)

    expect(entries.get(file)).toMatchObject({
      recoverable: true,
      runs: [
        { offset: start, length: 1024 },
        { offset: start + 1536, length: 3976 },
      ],
    })
  })

  it('gives only the first cluster, not recoverable, when that cluster is allocated again', async () => {
    const bytes = Buffer.from(fixtureBytes('fs-fat32'))
    bytes.writeUInt32LE(0x0fffffff, FAT32_1 + cluster(start, HEAP32) * 4)

    const { entries } = await listing(bytes)

    expect(entries.get(file)).toMatchObject({
      recoverable: false,
      runs: [{ offset: start, length: 512 }],
    })
  })
})
