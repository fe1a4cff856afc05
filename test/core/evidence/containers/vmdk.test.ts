import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashContainer } from '../../../../main/core/evidence/containers/hash-container'
import { openContainer } from '../../../../main/core/evidence/containers/open-container'
import { tempDir } from '../../../helpers/temp-dir'
import { unpackFixtures } from './container-fixtures'
import type { UnpackedFixtures } from './container-fixtures'

let fixtures: UnpackedFixtures
beforeAll(() => {
  fixtures = unpackFixtures()
})
afterAll(() => {
  fixtures.remove()
})

function descriptor(extents: string, parentCid = 'ffffffff'): string {
  return [
    '# Disk DescriptorFile',
    'version=1',
    'CID=12345678',
    `parentCID=${parentCid}`,
    'createType="monolithicFlat"',
    '',
    extents,
    '',
  ].join('\n')
}

describe('VMDK', () => {
  it('reads a descriptor with FLAT, SPARSE and offset FLAT extents as one disk', async () => {
    const container = await openContainer(fixtures.path('media-multi.vmdk'))
    expect(container.details).toMatchObject({ extents: 3 })
    expect(container.files).toHaveLength(4)
    expect((await hashContainer(container)).sha256).toBe(fixtures.meta.sha256)
    await container.close()
  })

  it('names a missing extent', async () => {
    const dir = tempDir()
    for (const name of ['media-multi.vmdk', 'media-multi-f001.vmdk', 'media-multi-f003.vmdk'])
      copyFileSync(fixtures.path(name), join(dir, name))
    await expect(openContainer(join(dir, 'media-multi.vmdk'))).rejects.toMatchObject({
      code: 'EVIDENCE_SEGMENT_MISSING',
      message: expect.stringContaining('media-multi-s002.vmdk') as string,
    })
  })

  it('never reads an extent from outside the descriptor folder', async () => {
    const dir = tempDir()
    const inner = join(dir, 'case')
    mkdirSync(inner)
    copyFileSync(fixtures.path('media.raw'), join(dir, 'outside.raw'))
    writeFileSync(join(inner, 'up.vmdk'), descriptor('RW 6151 FLAT "../outside.raw" 0'))
    writeFileSync(
      join(inner, 'abs.vmdk'),
      descriptor(`RW 6151 FLAT "${join(dir, 'outside.raw')}" 0`),
    )
    for (const name of ['up.vmdk', 'abs.vmdk'])
      await expect(openContainer(join(inner, name))).rejects.toMatchObject({
        code: 'EVIDENCE_SEGMENT_MISSING',
      })
  })

  it('refuses a snapshot (delta) disk', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'delta.vmdk'), descriptor('RW 6151 SPARSE "delta-s.vmdk"', '0badf00d'))
    await expect(openContainer(join(dir, 'delta.vmdk'))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
      message: expect.stringContaining('snapshot') as string,
    })
  })

  it('refuses extent types it does not read', async () => {
    const dir = tempDir()
    copyFileSync(fixtures.path('media.raw'), join(dir, 'x.raw'))
    writeFileSync(join(dir, 'x.vmdk'), descriptor('RW 6151 VMFSSPARSE "x.raw"'))
    await expect(openContainer(join(dir, 'x.vmdk'))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
    })
  })

  it('reads ZERO extents as zeros', async () => {
    const dir = tempDir()
    copyFileSync(fixtures.path('media.raw'), join(dir, 'x.raw'))
    writeFileSync(join(dir, 'x.vmdk'), descriptor('RW 8 ZERO\nRW 6151 FLAT "x.raw" 0'))
    const container = await openContainer(join(dir, 'x.vmdk'))
    expect(container.size).toBe(4096 + fixtures.meta.size)
    const head = await container.read(4000, 200)
    expect(head.subarray(0, 96).every((b) => b === 0)).toBe(true)
    expect(head.subarray(96).equals(fixtures.media.subarray(0, 104))).toBe(true)
    await container.close()
  })

  it('refuses one extent of a split sparse disk, pointing to its descriptor', async () => {
    const dir = tempDir()
    const data = readFileSync(fixtures.path('media-sparse.vmdk'))
    const at = Number(data.readBigUInt64LE(28)) * 512
    const text = data
      .toString('latin1', at, at + 1024)
      .replace('monolithicSparse', 'twoGbMaxExtentSparse')
    data.write(text, at, 'latin1')
    writeFileSync(join(dir, 'disk-s001.vmdk'), data)
    await expect(openContainer(join(dir, 'disk-s001.vmdk'))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
      message: expect.stringContaining('descriptor') as string,
    })
  })

  it('reads a stream-optimized disk whose header defers to the footer at its end', async () => {
    const dir = tempDir()
    const data = readFileSync(fixtures.path('media-stream.vmdk'))
    const footer = Buffer.from(data.subarray(0, 512))
    data.writeBigUInt64LE(0xffffffffffffffffn, 56) // GD_AT_END
    const marker = Buffer.alloc(512)
    marker.writeUInt32LE(3, 12) // footer marker
    writeFileSync(
      join(dir, 'stream.vmdk'),
      Buffer.concat([data, marker, footer, Buffer.alloc(512)]),
    )
    const container = await openContainer(join(dir, 'stream.vmdk'))
    expect((await hashContainer(container)).sha256).toBe(fixtures.meta.sha256)
    await container.close()
  })

  it('reports a damaged compressed grain, naming it', async () => {
    const dir = tempDir()
    const data = readFileSync(fixtures.path('media-stream.vmdk'))
    // qemu-img rewrites the header with the real directory offset (no footer needed).
    const gd = Number(data.readBigUInt64LE(56)) * 512
    const gt = data.readUInt32LE(gd) * 512
    const grain = data.readUInt32LE(gt + 4) * 512 // grain 1
    for (let i = 20; i < 60; i++) data[grain + i] = 0x00
    writeFileSync(join(dir, 'stream.vmdk'), data)
    const container = await openContainer(join(dir, 'stream.vmdk'))
    await expect(container.read(65536, 10)).rejects.toMatchObject({
      code: 'EVIDENCE_READ',
      message: expect.stringContaining('grain 1 ') as string,
    })
    expect((await container.read(0, 4096)).equals(fixtures.media.subarray(0, 4096))).toBe(true)
    await container.close()
  })
})
