import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashContainer } from '../../../../main/core/evidence/containers/hash-container'
import { openContainer } from '../../../../main/core/evidence/containers/open-container'
import { tempDir } from '../../../helpers/temp-dir'
import { seededRandom, unpackFixtures } from './container-fixtures'
import type { UnpackedFixtures } from './container-fixtures'

let fixtures: UnpackedFixtures
beforeAll(() => {
  fixtures = unpackFixtures()
})
afterAll(() => {
  fixtures.remove()
})

/** media.raw cut into parts named `names`, in a fresh folder. */
function splitInto(
  names: readonly string[],
  sizes: readonly number[] = [1_000_000, 1_000_000],
): string {
  const dir = tempDir()
  let at = 0
  names.forEach((name, i) => {
    const end = i === names.length - 1 ? fixtures.media.length : at + (sizes[i] ?? 1_000_000)
    writeFileSync(join(dir, name), fixtures.media.subarray(at, end))
    at = end
  })
  return dir
}

describe('openContainer: split raw', () => {
  it.each([
    [['x.001', 'x.002', 'x.003'], 'x.001'],
    [['x.000', 'x.001', 'x.002'], 'x.001'],
    [['disk.raw.001', 'disk.raw.002', 'disk.raw.003'], 'disk.raw.003'],
    [['x.aa', 'x.ab', 'x.ac'], 'x.ab'],
    [['IMG.AA', 'IMG.AB'], 'IMG.AA'],
  ])('opens %j from %s, starting at the first segment', async (names, given) => {
    const dir = splitInto(names)
    const container = await openContainer(join(dir, given))
    expect(container.format).toBe('split-raw')
    expect(container.files).toEqual(names.map((n) => join(dir, n)))
    expect((await hashContainer(container)).sha256).toBe(fixtures.meta.sha256)
    await container.close()
  })

  it.each([
    ['the segment given is past the gap', 'x.003'],
    ['the first segment is given', 'x.001'],
  ])('names a missing middle segment when %s', async (_what, given) => {
    const dir = splitInto(['x.001', 'x.002', 'x.003'])
    rmSync(join(dir, 'x.002'))
    await expect(openContainer(join(dir, given))).rejects.toMatchObject({
      code: 'EVIDENCE_SEGMENT_MISSING',
      message: expect.stringContaining('x.002') as string,
    })
  })

  it('opens a lone x.001 as plain raw', async () => {
    const dir = splitInto(['x.001'])
    const container = await openContainer(join(dir, 'x.001'))
    expect(container.format).toBe('raw')
    await container.close()
  })

  it('refuses an empty segment', async () => {
    const dir = splitInto(['x.001', 'x.002'])
    writeFileSync(join(dir, 'x.002'), '')
    await expect(openContainer(join(dir, 'x.001'))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
    })
  })
})

describe('openContainer: bad and odd input', () => {
  it('refuses a zero-length file with EVIDENCE_FORMAT', async () => {
    const file = join(tempDir(), 'empty.E01')
    writeFileSync(file, '')
    await expect(openContainer(file)).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
      message: expect.stringContaining('empty') as string,
    })
  })

  it('gives PATH_NOT_FOUND for a missing image and EVIDENCE_FORMAT for a folder', async () => {
    const dir = tempDir()
    await expect(openContainer(join(dir, 'nope.dd'))).rejects.toMatchObject({
      code: 'PATH_NOT_FOUND',
    })
    mkdirSync(join(dir, 'folder.E01'))
    await expect(openContainer(join(dir, 'folder.E01'))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
    })
  })

  it.runIf(process.platform === 'linux')(
    'refuses a FIFO without waiting for a writer',
    async () => {
      const fifo = join(tempDir(), 'pipe.vhd')
      execFileSync('mkfifo', [fifo])
      await expect(openContainer(fifo)).rejects.toMatchObject({ code: 'EVIDENCE_FORMAT' })
    },
  )

  it('opens a 1-sector raw image', async () => {
    const container = await openContainer(fixtures.path('tiny.raw'))
    expect(container.size).toBe(512)
    await container.close()
  })

  it('opens garbage as raw bytes', async () => {
    const random = seededRandom(7)
    const garbage = Buffer.from(Array.from({ length: 100_000 }, () => Math.floor(random() * 256)))
    const file = join(tempDir(), 'bogus.001')
    writeFileSync(file, garbage)
    const container = await openContainer(file)
    expect(container.format).toBe('raw')
    expect((await container.read(0, 200_000)).equals(garbage)).toBe(true)
    await container.close()
  })

  it('opens an image with a non-ASCII name', async () => {
    const file = join(tempDir(), 'ímynd-диск-画像.dd')
    copyFileSync(fixtures.path('media.raw'), file)
    const container = await openContainer(file)
    expect(container.files).toEqual([file])
    await container.close()
  })

  it.each([
    ['VHDX', Buffer.from('vhdxfile'), 0],
    ['EWF2 (Ex01)', Buffer.from('EVF2\r\n\x81\0', 'latin1'), 0],
    ['L01', Buffer.from('LVF\t\r\n\xff\0', 'latin1'), 0],
    ['VirtualBox VDI', Buffer.from('7f10dabe', 'hex'), 64],
  ])('refuses a %s image by name instead of reading it as raw', async (name, magic, at) => {
    const data = Buffer.alloc(4096)
    magic.copy(data, at)
    const file = join(tempDir(), 'image.bin')
    writeFileSync(file, data)
    await expect(openContainer(file)).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
      message: expect.stringContaining(name) as string,
    })
  })

  it('refuses reads after close', async () => {
    const container = await openContainer(fixtures.path('media-seg.E01'))
    await container.close()
    await container.close()
    await expect(container.read(0, 10)).rejects.toMatchObject({ code: 'EVIDENCE_READ' })
  })

  it('refuses a negative offset', async () => {
    const container = await openContainer(fixtures.path('media.raw'))
    await expect(container.read(-1, 10)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await container.close()
  })

  it('never writes to the image', async () => {
    const before = readFileSync(fixtures.path('media-diff.vhd'))
    const container = await openContainer(fixtures.path('media-diff.vhd'))
    await hashContainer(container)
    await container.close()
    expect(readFileSync(fixtures.path('media-diff.vhd')).equals(before)).toBe(true)
  })
})
