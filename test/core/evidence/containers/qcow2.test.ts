import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

/** A copy of fixture `name` in a fresh folder, patched by `patch`. */
function patched(name: string, patch: (data: Buffer) => void, as = name, dir = tempDir()): string {
  const data = readFileSync(fixtures.path(name))
  patch(data)
  writeFileSync(join(dir, as), data)
  return join(dir, as)
}

/** Point the backing file name of a QCOW2 image at `name` (written where the old one was). */
function setBacking(data: Buffer, name: string): void {
  const at = Number(data.readBigUInt64BE(8))
  data.write(name, at, 'utf8')
  data.writeUInt32BE(Buffer.byteLength(name), 16)
}

describe('QCOW2', () => {
  it('refuses an AES-encrypted image with EVIDENCE_ENCRYPTED', async () => {
    await expect(openContainer(fixtures.path('enc-aes.qcow2'))).rejects.toMatchObject({
      code: 'EVIDENCE_ENCRYPTED',
      message: expect.stringContaining('AES') as string,
    })
  })

  it('refuses a LUKS-encrypted image with EVIDENCE_ENCRYPTED', async () => {
    const file = patched('media-v3.qcow2', (d) => d.writeUInt32BE(2, 32))
    await expect(openContainer(file)).rejects.toMatchObject({
      code: 'EVIDENCE_ENCRYPTED',
      message: expect.stringContaining('LUKS') as string,
    })
  })

  it.each([
    ['an unknown incompatible feature', (d: Buffer) => d.writeUInt32BE(0x20, 76), /0x20/],
    ['an external data file', (d: Buffer) => d.writeUInt32BE(0x04, 76), /external data file/],
    [
      'zstd compression',
      (d: Buffer) => {
        d.writeUInt32BE(0x08, 76)
        d[104] = 1
      },
      /zstd/,
    ],
    ['QCOW version 1', (d: Buffer) => d.writeUInt32BE(1, 4), /version 1/],
    ['cluster bits out of range', (d: Buffer) => d.writeUInt32BE(40, 20), /cluster bits/],
    ['an L1 table too small for the disk', (d: Buffer) => d.writeUInt32BE(0, 36), /L1 table size/],
    [
      'an absurd disk size',
      (d: Buffer) => d.writeBigUInt64BE(0xffffffffffffn << 8n, 24),
      /L1|size/,
    ],
  ])('refuses %s with EVIDENCE_FORMAT', async (_what, patch, message) => {
    await expect(openContainer(patched('media-v3.qcow2', patch))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
      message: expect.stringMatching(message) as string,
    })
  })

  it('opens a dirty image and says so', async () => {
    const container = await openContainer(
      patched('media-v3.qcow2', (d) => d.writeUInt32BE(0x01, 76)),
    )
    expect(container.details['dirty']).toBe(true)
    expect((await container.read(0, 4096)).equals(fixtures.media.subarray(0, 4096))).toBe(true)
    await container.close()
  })

  it('gives EVIDENCE_SEGMENT_MISSING when the backing file is missing', async () => {
    const dir = tempDir()
    copyFileSync(fixtures.path('media-overlay.qcow2'), join(dir, 'media-overlay.qcow2'))
    await expect(openContainer(join(dir, 'media-overlay.qcow2'))).rejects.toMatchObject({
      code: 'EVIDENCE_SEGMENT_MISSING',
      message: expect.stringContaining('media-v3.qcow2') as string,
    })
  })

  it('refuses a backing chain that loops', async () => {
    const dir = tempDir()
    patched(
      'media-overlay.qcow2',
      (d) => {
        setBacking(d, 'b.qcow2')
      },
      'a.qcow2',
      dir,
    )
    patched(
      'media-overlay.qcow2',
      (d) => {
        setBacking(d, 'a.qcow2')
      },
      'b.qcow2',
      dir,
    )
    await expect(openContainer(join(dir, 'a.qcow2'))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
      message: expect.stringContaining('loops') as string,
    })
  })

  it('reads a raw backing file as raw bytes, never probing its format', async () => {
    const dir = tempDir()
    copyFileSync(fixtures.path('media-overlay-raw.qcow2'), join(dir, 'media-overlay-raw.qcow2'))
    copyFileSync(fixtures.path('media-v3.qcow2'), join(dir, 'media.raw'))
    const container = await openContainer(join(dir, 'media-overlay-raw.qcow2'))
    expect((await container.read(0, 4)).toString('latin1')).toBe('QFI\xfb')
    await container.close()
  })

  it('reports an L1 entry that points outside the file when read', async () => {
    const file = patched('media-v3.qcow2', (d) => {
      const l1 = Number(d.readBigUInt64BE(40))
      d.writeBigUInt64BE(0x00fffffffffff000n, l1)
    })
    const container = await openContainer(file)
    await expect(container.read(0, 512)).rejects.toMatchObject({ code: 'EVIDENCE_READ' })
    await container.close()
  })

  it('reports a damaged compressed cluster, naming it', async () => {
    const file = patched('media-zlib.qcow2', (d) => {
      const l2 = Number(d.readBigUInt64BE(Number(d.readBigUInt64BE(40))) & 0x00fffffffffffe00n)
      const entry = d.readBigUInt64BE(l2 + 8) // cluster 1: text, so compressed
      const host = Number(entry & ((1n << 54n) - 1n))
      for (let i = 5; i < 40; i++) d[host + i] = 0xff
    })
    const container = await openContainer(file)
    await expect(container.read(65536, 100)).rejects.toMatchObject({
      code: 'EVIDENCE_READ',
      message: expect.stringContaining('cluster 1 ') as string,
    })
    await container.close()
  })

  it('refuses a file truncated inside its header', async () => {
    const dir = tempDir()
    copyFileSync(fixtures.path('media-v3.qcow2'), join(dir, 'cut.qcow2'))
    truncateSync(join(dir, 'cut.qcow2'), 90)
    await expect(openContainer(join(dir, 'cut.qcow2'))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
    })
  })
})
