import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashContainer } from '../../../../main/core/evidence/containers/hash-container'
import { openContainer } from '../../../../main/core/evidence/containers/open-container'
import { tempDir } from '../../../helpers/temp-dir'
import { sha256, unpackFixtures } from './container-fixtures'
import type { UnpackedFixtures } from './container-fixtures'

let fixtures: UnpackedFixtures
beforeAll(() => {
  fixtures = unpackFixtures()
})
afterAll(() => {
  fixtures.remove()
})

function copyTo(dir: string, name: string, as = name): string {
  copyFileSync(fixtures.path(name), join(dir, as))
  return join(dir, as)
}

/** Rewrite the 4-byte VHD checksum at `at` of the structure `data[start, start + length)`. */
function fixChecksum(data: Buffer, start: number, length: number, at: number): void {
  let sum = 0
  for (let i = start; i < start + length; i++)
    if (i < start + at || i >= start + at + 4) sum += data[i] ?? 0
  data.writeUInt32BE(~sum >>> 0, start + at)
}

/** File offset of the block table entry of `block` in a dynamic or differencing VHD. */
function batEntryAt(data: Buffer, block: number): number {
  const header = Number(data.readBigUInt64BE(16))
  return Number(data.readBigUInt64BE(header + 16)) + block * 4
}

describe('VHD', () => {
  it('reads a differencing disk through its parent, found by its relative locator', async () => {
    const dir = tempDir()
    const child = copyTo(dir, 'media-diff.vhd')
    copyTo(dir, 'media-dyn.vhd')
    const container = await openContainer(child)
    expect(container.details).toMatchObject({
      vhdType: 'differencing',
      parent: join(dir, 'media-dyn.vhd'),
    })
    expect((await hashContainer(container)).sha256).toBe(fixtures.meta.variants['media-diff.vhd'])
    await container.close()
  })

  it('gives EVIDENCE_SEGMENT_MISSING when the parent is missing', async () => {
    const dir = tempDir()
    await expect(openContainer(copyTo(dir, 'media-diff.vhd'))).rejects.toMatchObject({
      code: 'EVIDENCE_SEGMENT_MISSING',
      message: expect.stringContaining('media-dyn.vhd') as string,
    })
  })

  it('refuses a parent whose unique id differs (modified or replaced)', async () => {
    const dir = tempDir()
    const child = copyTo(dir, 'media-diff.vhd')
    copyTo(dir, 'media-fixed.vhd', 'media-dyn.vhd')
    await expect(openContainer(child)).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
      message: expect.stringContaining('not the parent') as string,
    })
  })

  it('takes each sector from the child or the parent as its bitmap bit says', async () => {
    const dir = tempDir()
    const child = copyTo(dir, 'media-diff.vhd')
    copyTo(dir, 'media-dyn.vhd')
    const original = await openContainer(child)
    const expected = await original.read(0, original.size)
    await original.close()
    const data = readFileSync(child)
    const bitmap = data.readUInt32BE(batEntryAt(data, 0)) * 512
    data[bitmap + 1] = (data[bitmap + 1] ?? 0) & ~0x40 // sector 9 back to the parent
    writeFileSync(child, data)
    fixtures.media.copy(expected, 9 * 512, 9 * 512, 10 * 512)
    const patched = await openContainer(child)
    expect(sha256(await patched.read(0, patched.size))).toBe(sha256(expected))
    expect(
      (await patched.read(8 * 512 + 100, 1024)).equals(
        expected.subarray(8 * 512 + 100, 8 * 512 + 1124),
      ),
    ).toBe(true)
    await patched.close()
  })

  it('refuses a parent chain that loops back to the child', async () => {
    const dir = tempDir()
    // A differencing disk named like its own parent, whose parent id is its own id.
    const self = copyTo(dir, 'media-diff.vhd', 'media-dyn.vhd')
    const data = readFileSync(self)
    const header = Number(data.readBigUInt64BE(16))
    data.copy(data, header + 40, 68, 84)
    fixChecksum(data, header, 1024, 36)
    writeFileSync(self, data)
    await expect(openContainer(self)).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
      message: expect.stringContaining('loops') as string,
    })
  })

  it('uses the footer copy at the start of a dynamic disk when the last one is damaged', async () => {
    const dir = tempDir()
    const file = copyTo(dir, 'media-dyn.vhd')
    const data = readFileSync(file)
    data[data.length - 512 + 50] = 0x5a
    writeFileSync(file, data)
    const container = await openContainer(file)
    expect((await hashContainer(container)).sha256).toBe(fixtures.meta.sha256)
    await container.close()
  })

  it('refuses a fixed disk whose footer checksum fails', async () => {
    const dir = tempDir()
    const file = copyTo(dir, 'media-fixed.vhd')
    const data = readFileSync(file)
    data[data.length - 512 + 50] = 0x5a
    writeFileSync(file, data)
    await expect(openContainer(file)).rejects.toMatchObject({ code: 'EVIDENCE_FORMAT' })
  })

  it('opens a truncated dynamic disk but reports the missing blocks when read', async () => {
    const dir = tempDir()
    const file = copyTo(dir, 'media-dyn.vhd')
    truncateSync(file, 3 * 1024 * 1024)
    const container = await openContainer(file)
    expect((await container.read(0, 4096)).equals(fixtures.media.subarray(0, 4096))).toBe(true)
    await expect(container.read(container.size - 4096, 4096)).rejects.toMatchObject({
      code: 'EVIDENCE_READ',
    })
    await container.close()
  })

  it('reports a block table entry that points past the end of the file', async () => {
    const dir = tempDir()
    const file = copyTo(dir, 'media-dyn.vhd')
    const data = readFileSync(file)
    data.writeUInt32BE(0x7ffffff0, batEntryAt(data, 1))
    writeFileSync(file, data)
    const container = await openContainer(file)
    await expect(container.read(2 * 1024 * 1024, 512)).rejects.toMatchObject({
      code: 'EVIDENCE_READ',
    })
    await container.close()
  })
})
