import { copyFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Container } from '../../../../main/core/evidence/containers/container'
import { hashContainer } from '../../../../main/core/evidence/containers/hash-container'
import { openContainer } from '../../../../main/core/evidence/containers/open-container'
import { SAME_MEDIA, seededRandom, sha256, unpackFixtures } from './container-fixtures'
import type { UnpackedFixtures } from './container-fixtures'

let fixtures: UnpackedFixtures
beforeAll(() => {
  fixtures = unpackFixtures()
})
afterAll(() => {
  fixtures.remove()
})

async function withContainer<T>(name: string, use: (c: Container) => Promise<T>): Promise<T> {
  const container = await openContainer(fixtures.path(name))
  try {
    return await use(container)
  } finally {
    await container.close()
  }
}

function boundaries(size: number, unit: number): number[] {
  const all = Math.floor((size - 1) / unit)
  const step = Math.max(1, Math.floor(all / 48))
  const out: number[] = []
  for (let k = 1; k <= all; k += step) if (k * unit >= 700) out.push(k * unit)
  return out
}

describe.each(SAME_MEDIA)('$name', ({ name, format, unit }) => {
  it(`opens as ${format} holding the whole media`, async () => {
    await withContainer(name, (container) => {
      expect(container.format).toBe(format)
      expect(container.size).toBe(fixtures.meta.size)
      return Promise.resolve()
    })
  })

  it('hashes to the raw media MD5, SHA-1 and SHA-256', async () => {
    const hashes = await withContainer(name, (c) => hashContainer(c))
    expect(hashes).toEqual({
      md5: fixtures.meta.md5,
      sha1: fixtures.meta.sha1,
      sha256: fixtures.meta.sha256,
    })
  })

  it('reads random ranges byte for byte as the raw media', async () => {
    const random = seededRandom(name.length * 7919)
    await withContainer(name, async (container) => {
      for (let i = 0; i < 150; i++) {
        const offset = Math.floor(random() * fixtures.media.length)
        const length = 1 + Math.floor(random() * 200_000)
        const got = await container.read(offset, length)
        expect(got.equals(fixtures.media.subarray(offset, offset + length))).toBe(true)
      }
    })
  })

  it('reads across chunk, grain, block, cluster and segment boundaries', async () => {
    await withContainer(name, async (container) => {
      for (const edge of [
        ...boundaries(container.size, unit),
        1_050_000,
        2_100_000,
        2 * 1024 * 1024,
      ]) {
        const got = await container.read(edge - 700, 1400)
        expect(got.equals(fixtures.media.subarray(edge - 700, edge + 700)), `at ${edge}`).toBe(true)
      }
    })
  })

  it('reads the whole media in odd-sized steps', async () => {
    await withContainer(name, async (container) => {
      const parts: Buffer[] = []
      for (let at = 0; at < container.size; at += 77_777)
        parts.push(await container.read(at, 77_777))
      expect(sha256(Buffer.concat(parts))).toBe(fixtures.meta.sha256)
    })
  })

  it('clips a read past the end, and returns nothing beyond it', async () => {
    await withContainer(name, async (container) => {
      const size = container.size
      expect(
        (await container.read(size - 10, 100)).equals(fixtures.media.subarray(size - 10)),
      ).toBe(true)
      expect((await container.read(size, 10)).length).toBe(0)
      expect((await container.read(size + 12345, 10)).length).toBe(0)
      expect((await container.read(5, 0)).length).toBe(0)
    })
  })
})

describe('format detection by content, not by name', () => {
  it.each([
    ['media-zlib.E01', 'evidence.bin', 'ewf'],
    ['media-fixed.vhd', 'evidence.dd', 'vhd'],
    ['media-dyn.vhd', 'disk.E01', 'vhd'],
    ['media-sparse.vmdk', 'disk.qcow2', 'vmdk'],
    ['media-stream.vmdk', 'DISK.IMG', 'vmdk'],
    ['media-flat.vmdk', 'descriptor.txt', 'vmdk'],
    ['media-v3.qcow2', 'disk.vhd', 'qcow2'],
    ['media-zlib.qcow2', 'noextension', 'qcow2'],
    ['media.raw', 'not-really.E01', 'raw'],
    ['media.raw', 'not-really.vmdk', 'raw'],
  ])('%s renamed %s opens as %s', async (source, renamed, format) => {
    copyFileSync(fixtures.path(source), fixtures.path(renamed))
    const container = await openContainer(fixtures.path(renamed))
    try {
      expect(container.format).toBe(format)
      expect(sha256(await container.read(0, container.size))).toBe(fixtures.meta.sha256)
    } finally {
      await container.close()
    }
  })
})

describe('images whose media differs from the raw', () => {
  it.each([
    'media-diff.vhd',
    'media-overlay.qcow2',
    'media-overlay-raw.qcow2',
    'media-l2ext.qcow2',
  ])('%s reads as its generator (qemu-img convert / the VHD builder) says', async (name) => {
    const hashes = await withContainer(name, (c) => hashContainer(c))
    expect(hashes.sha256).toBe(fixtures.meta.variants[name])
  })

  it('lists the parent and backing files among the files of the image', async () => {
    await withContainer('media-diff.vhd', (c) => {
      expect(c.files).toEqual([fixtures.path('media-diff.vhd'), fixtures.path('media-dyn.vhd')])
      return Promise.resolve()
    })
    await withContainer('media-overlay.qcow2', (c) => {
      expect(c.files).toEqual([
        fixtures.path('media-overlay.qcow2'),
        fixtures.path('media-v3.qcow2'),
      ])
      return Promise.resolve()
    })
  })
})

describe('1-sector images', () => {
  it.each(['tiny.raw', 'tiny.E01', 'tiny.vhd', 'tiny.vmdk', 'tiny.qcow2'])(
    '%s holds its 512 bytes',
    async (name) => {
      await withContainer(name, async (container) => {
        expect(container.size).toBe(512)
        expect(sha256(await container.read(0, 4096))).toBe(fixtures.meta.tiny.sha256)
      })
    },
  )
})
