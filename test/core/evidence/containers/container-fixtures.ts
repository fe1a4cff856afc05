import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { ROOT } from '../../../helpers/launcher'

/** Where make-container-fixtures.sh leaves its gzipped images and media.json. */
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'images', 'containers')

/** media.json: what each fixture image must read as. */
export interface FixtureMeta {
  readonly size: number
  readonly sha256: string
  readonly md5: string
  readonly sha1: string
  /** SHA-256 of images whose media differs from media.raw (differencing, overlays). */
  readonly variants: Readonly<Record<string, string>>
  readonly tiny: { readonly size: number; readonly sha256: string }
}

/** The fixtures gunzipped into a fresh folder. */
export interface UnpackedFixtures {
  readonly dir: string
  readonly meta: FixtureMeta
  /** The raw media every image holds (media.raw). */
  readonly media: Buffer
  path(name: string): string
  remove(): void
}

/** Gunzip every fixture into a new temp folder (call `remove` when done, e.g. in afterAll). */
export function unpackFixtures(): UnpackedFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-containers-'))
  for (const name of readdirSync(FIXTURES)) {
    if (name.endsWith('.gz'))
      writeFileSync(join(dir, name.slice(0, -3)), gunzipSync(readFileSync(join(FIXTURES, name))))
  }
  const meta = JSON.parse(readFileSync(join(FIXTURES, 'media.json'), 'utf8')) as FixtureMeta
  return {
    dir,
    meta,
    media: readFileSync(join(dir, 'media.raw')),
    path: (name) => join(dir, name),
    remove: () => {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Lower-case hex SHA-256 of `data`. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** A small seeded generator (mulberry32), so random reads are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The images that hold exactly media.raw, with the unit their reader works in. */
export const SAME_MEDIA: readonly {
  readonly name: string
  readonly format: string
  readonly unit: number
}[] = [
  { name: 'media.raw', format: 'raw', unit: 512 },
  { name: 'media.001', format: 'split-raw', unit: 1_050_000 },
  { name: 'media-seg.E01', format: 'ewf', unit: 32768 },
  { name: 'media-zlib.E01', format: 'ewf', unit: 65536 },
  { name: 'media-fixed.vhd', format: 'vhd', unit: 512 },
  { name: 'media-dyn.vhd', format: 'vhd', unit: 2 * 1024 * 1024 },
  { name: 'media-sparse.vmdk', format: 'vmdk', unit: 65536 },
  { name: 'media-flat.vmdk', format: 'vmdk', unit: 512 },
  { name: 'media-stream.vmdk', format: 'vmdk', unit: 65536 },
  { name: 'media-multi.vmdk', format: 'vmdk', unit: 1024 * 1024 },
  { name: 'media-v3.qcow2', format: 'qcow2', unit: 4096 },
  { name: 'media-zlib.qcow2', format: 'qcow2', unit: 65536 },
]
