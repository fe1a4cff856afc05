import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { hashContainer } from '../../main/core/evidence/containers/hash-container'
import { openContainer } from '../../main/core/evidence/containers/open-container'
import { requireCorpus } from './corpus-paths'

/** The part of an `outpost-corpus-oracle/1` file this suite checks. */
interface Oracle {
  readonly image: string
  readonly format: string
  readonly stored_as: string
  readonly segments: readonly string[]
  readonly media_size: number
  readonly media_md5: string
  readonly media_sha256: string
  readonly ewf?: { readonly md5_stored?: string }
}

const CONTAINER_FORMATS = ['raw', 'split-raw', 'ewf', 'vhd', 'vmdk', 'qcow2']
const IMAGES = requireCorpus('images')
const unpacked = mkdtempSync(join(tmpdir(), 'outpost-corpus-containers-'))

afterAll(() => {
  rmSync(unpacked, { recursive: true, force: true })
})

function oracles(): { dir: string; oracle: Oracle }[] {
  return [IMAGES, join(IMAGES, 'dfvfs')].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => ({ dir, oracle: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Oracle }))
      .filter(({ oracle }) => CONTAINER_FORMATS.includes(oracle.format)),
  )
}

/** The path to open: the stored file, or its gunzipped copy (`.img.gz` → temp `.img`). */
function imagePath(dir: string, oracle: Oracle): string {
  if (oracle.stored_as !== 'gzip') return join(dir, oracle.image)
  const target = join(unpacked, oracle.image.replace(/\.gz$/, ''))
  writeFileSync(target, gunzipSync(readFileSync(join(dir, oracle.image))))
  return target
}

const ALL = oracles()

describe('containers against the TSK oracles of the corpus', () => {
  it('finds every container variant of the corpus', () => {
    const formats = new Set(ALL.map((o) => o.oracle.format))
    expect([...formats].sort()).toEqual([...CONTAINER_FORMATS].sort())
  })

  it.each(ALL.map((o) => [o.oracle.image, o] as const))('%s', async (_name, { dir, oracle }) => {
    const container = await openContainer(imagePath(dir, oracle))
    try {
      expect(container.format).toBe(oracle.format)
      expect(container.size).toBe(oracle.media_size)
      if (oracle.stored_as !== 'gzip')
        expect(container.files.slice(0, oracle.segments.length)).toEqual(
          oracle.segments.map((s) => join(dir, s)),
        )
      const hashes = await hashContainer(container)
      expect(hashes.sha256).toBe(oracle.media_sha256)
      expect(hashes.md5).toBe(oracle.media_md5)
      if (oracle.format === 'ewf') {
        expect(container.storedHashes.md5).toBe(oracle.ewf?.md5_stored)
        expect(container.storedHashes.md5).toBe(hashes.md5)
      }
    } finally {
      await container.close()
    }
  })

  it('opens the garbage image dfvfs/bogus.001 as plain raw bytes', async () => {
    const container = await openContainer(join(IMAGES, 'dfvfs', 'bogus.001'))
    expect(container.format).toBe('raw')
    expect(
      (await container.read(0, container.size)).equals(
        readFileSync(join(IMAGES, 'dfvfs', 'bogus.001')),
      ),
    ).toBe(true)
    await container.close()
  })

  it('opens an image with a non-ASCII name (dfvfs/ímynd.dd)', async () => {
    const container = await openContainer(join(IMAGES, 'dfvfs', 'ímynd.dd'))
    expect(container.files).toEqual([join(IMAGES, 'dfvfs', 'ímynd.dd')])
    await container.close()
  })
})
