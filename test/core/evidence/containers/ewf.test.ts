import { copyFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkStoredHashes,
  hashContainer,
} from '../../../../main/core/evidence/containers/hash-container'
import { openContainer } from '../../../../main/core/evidence/containers/open-container'
import { tempDir } from '../../../helpers/temp-dir'
import { unpackFixtures } from './container-fixtures'
import type { UnpackedFixtures } from './container-fixtures'

const SEGMENTS = ['media-seg.E01', 'media-seg.E02', 'media-seg.E03', 'media-seg.E04']

let fixtures: UnpackedFixtures
beforeAll(() => {
  fixtures = unpackFixtures()
})
afterAll(() => {
  fixtures.remove()
})

/** The segment set copied into a fresh folder, to be damaged there. */
function copySet(names: readonly string[] = SEGMENTS): string {
  const dir = tempDir()
  for (const name of names) copyFileSync(fixtures.path(name), join(dir, name))
  return dir
}

/** Flip one byte of `file` at `offset`. */
function flipByte(file: string, offset: number): void {
  const data = readFileSync(file)
  data[offset] = (data[offset] ?? 0) ^ 0xff
  writeFileSync(file, data)
}

/** File offsets of the chunks of the first table of an EWF segment (a reading independent of Outpost's). */
function firstTableChunks(file: string): { offset: number; compressed: boolean }[] {
  const data = readFileSync(file)
  for (let at = 13; at + 76 <= data.length;) {
    const type = data.toString('latin1', at, at + 16).replace(/\0.*$/s, '')
    if (type === 'table') {
      const count = data.readUInt32LE(at + 76)
      const base = Number(data.readBigUInt64LE(at + 84))
      return Array.from({ length: count }, (_, i) => {
        const entry = data.readUInt32LE(at + 100 + i * 4)
        return { offset: base + (entry & 0x7fffffff), compressed: entry >>> 31 === 1 }
      })
    }
    const next = Number(data.readBigUInt64LE(at + 16))
    if (next <= at) break
    at = next
  }
  throw new Error(`no table in ${file}`)
}

describe('EWF (E01)', () => {
  it('reads the stored MD5 and SHA-1, and they match the media', async () => {
    const container = await openContainer(fixtures.path('media-seg.E01'))
    const hashes = await hashContainer(container)
    await container.close()
    expect(container.storedHashes).toEqual({ md5: fixtures.meta.md5, sha1: fixtures.meta.sha1 })
    expect(checkStoredHashes(container, hashes)).toEqual({ md5: 'match', sha1: 'match' })
  })

  it('reports the acquisition facts and geometry of the header and volume sections', async () => {
    const container = await openContainer(fixtures.path('media-seg.E01'))
    await container.close()
    expect(container.sectorSize).toBe(512)
    expect(container.files).toEqual(SEGMENTS.map((s) => fixtures.path(s)))
    expect(container.details).toMatchObject({
      ewfFormat: 'EWF-E01',
      segments: 4,
      caseNumber: 'CASE-7',
      evidenceNumber: 'media-seg',
      examinerName: 'Fixture Examiner',
      description: 'Outpost container fixture',
      notes: 'synthetic',
      compressionLevel: 'none',
      bytesPerSector: 512,
      sectorsPerChunk: 64,
      numberOfSectors: 6151,
      mediaType: 'fixed',
      isPhysical: true,
      acquisitionErrors: 0,
    })
    expect(String(container.details['acquisitionDate'])).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    )
  })

  it('reads the compression level and media type of a compressed image', async () => {
    const container = await openContainer(fixtures.path('media-zlib.E01'))
    await container.close()
    expect(container.details).toMatchObject({
      compressionLevel: 'best',
      mediaType: 'removable',
      sectorsPerChunk: 128,
    })
  })

  it('opens the whole set from any segment', async () => {
    const container = await openContainer(fixtures.path('media-seg.E03'))
    await container.close()
    expect(container.files[0]).toBe(fixtures.path('media-seg.E01'))
    expect(container.size).toBe(fixtures.meta.size)
  })

  it('names a missing segment', async () => {
    const dir = copySet()
    rmSync(join(dir, 'media-seg.E03'))
    await expect(openContainer(join(dir, 'media-seg.E01'))).rejects.toMatchObject({
      code: 'EVIDENCE_SEGMENT_MISSING',
      message: expect.stringContaining('media-seg.E03') as string,
    })
  })

  it('names the missing first segment when a later one is given', async () => {
    const dir = copySet(['media-seg.E02'])
    await expect(openContainer(join(dir, 'media-seg.E02'))).rejects.toMatchObject({
      code: 'EVIDENCE_SEGMENT_MISSING',
      message: expect.stringContaining('media-seg.E01') as string,
    })
  })

  it.each([
    ['a segment in the middle', 'media-seg.E02', 0.5],
    ['the last segment (no "done" section)', 'media-seg.E04', 0.999],
    ['the first segment inside its header sections', 'media-seg.E01', 0.0005],
  ])('refuses a truncated set: %s', async (_what, name, keep) => {
    const dir = copySet()
    const file = join(dir, name)
    truncateSync(file, Math.floor(readFileSync(file).length * keep))
    await expect(openContainer(join(dir, 'media-seg.E01'))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
    })
  })

  it('reports an altered uncompressed chunk by its checksum, naming the chunk', async () => {
    const dir = copySet()
    const chunk = firstTableChunks(join(dir, 'media-seg.E02'))[3]
    flipByte(join(dir, 'media-seg.E02'), (chunk?.offset ?? 0) + 1000)
    const container = await openContainer(join(dir, 'media-seg.E01'))
    const index = 31 + 3
    await expect(container.read(index * 32768 + 5, 10)).rejects.toMatchObject({
      code: 'EVIDENCE_READ',
      message: expect.stringMatching(
        new RegExp(`chunk ${index} .*media-seg\\.E02.*checksum mismatch`),
      ) as string,
    })
    expect((await container.read(0, 65536)).equals(fixtures.media.subarray(0, 65536))).toBe(true)
    await expect(hashContainer(container)).rejects.toMatchObject({ code: 'EVIDENCE_READ' })
    await container.close()
  })

  it('reports a damaged compressed chunk', async () => {
    const dir = copySet(['media-zlib.E01'])
    const file = join(dir, 'media-zlib.E01')
    const chunks = firstTableChunks(file)
    const index = chunks.findIndex((c) => c.compressed)
    flipByte(file, (chunks[index]?.offset ?? 0) + 20)
    const container = await openContainer(file)
    await expect(container.read(index * 65536, 100)).rejects.toMatchObject({
      code: 'EVIDENCE_READ',
      message: expect.stringContaining(`chunk ${index} `) as string,
    })
    await container.close()
  })

  it('falls back to the copy of the volume section when the first one is damaged', async () => {
    const dir = copySet()
    // The volume section starts after three header sections; byte 200 of its data is unused padding.
    const data = readFileSync(join(dir, 'media-seg.E01'))
    const volume = data.indexOf('volume\0', 13, 'latin1')
    flipByte(join(dir, 'media-seg.E01'), volume + 76 + 200)
    const container = await openContainer(join(dir, 'media-seg.E01'))
    expect(container.size).toBe(fixtures.meta.size)
    expect(container.details['damagedSections']).toBe(1)
    expect((await hashContainer(container)).sha256).toBe(fixtures.meta.sha256)
    await container.close()
  })

  it('refuses a segment whose number does not fit its name', async () => {
    const dir = copySet()
    copyFileSync(join(dir, 'media-seg.E04'), join(dir, 'media-seg.E03'))
    await expect(openContainer(join(dir, 'media-seg.E01'))).rejects.toMatchObject({
      code: 'EVIDENCE_FORMAT',
      message: expect.stringContaining('segment 4') as string,
    })
  })
})
