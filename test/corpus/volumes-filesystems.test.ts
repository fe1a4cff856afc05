import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ByteSource } from '../../main/core/evidence/byte-source'
import type { FileEntry, FileSystem } from '../../main/core/filesystems/file-system'
import { openFileSystem } from '../../main/core/filesystems/open-file-system'
import { openContainer } from '../../main/core/evidence/containers/open-container'
import { readVolumes } from '../../main/core/volumes/read-volumes'
import type { VolumeLayout } from '../../main/core/volumes/volume-system'
import { differences, walkAll } from '../core/filesystems/tsk-oracle'
import type { OracleFile, Walked } from '../core/filesystems/tsk-oracle'
import { fileSource } from '../helpers/file-source'
import { requireCorpus } from './corpus-paths'

/** The fields of a corpus oracle (`outpost-corpus-oracle/1`, see the corpus README) used here. */
interface CorpusOracle {
  readonly image: string
  readonly sector_size: number
  readonly partitions: readonly {
    slot: string
    start_sector: number
    length: number
    type: string
  }[]
  readonly media_hits: readonly MediaHit[]
  readonly filesystems: readonly {
    offset: number
    type: string
    label: string | null
    files: readonly OracleFile[]
  }[]
}

interface MediaHit {
  readonly string: string
  readonly offset: number
  readonly fs_offset_bytes: number
  readonly file: { readonly path: string; readonly file_offset?: number }
}

/**
 * How a test gets the media of an image. Raw gzip images are gunzipped into a temporary folder
 * and read as a file; container variants (split, E01, VHD…) plug in their reader here.
 */
type OpenMedia = (oracle: CorpusOracle, folder: string) => Promise<ByteSource>

const openGzipRaw: OpenMedia = (oracle, folder) => {
  const path = join(folder, oracle.image.replace(/\.gz$/, ''))
  writeFileSync(path, gunzipSync(readFileSync(join(IMAGES, oracle.image))))
  return Promise.resolve(fileSource(path))
}

/** Container variants: the stored image read through Outpost's own container reader. */
const openStored: OpenMedia = (oracle) => openContainer(join(IMAGES, oracle.image))

const IMAGES = requireCorpus('images')
const CASES: readonly { readonly name: string; readonly open: OpenMedia }[] = [
  { name: 'fat12', open: openGzipRaw },
  { name: 'fat16', open: openGzipRaw },
  { name: 'fat32', open: openGzipRaw },
  { name: 'exfat', open: openGzipRaw },
  { name: 'mbr-disk', open: openGzipRaw },
  { name: 'gpt-disk', open: openGzipRaw },
  { name: 'ntfs', open: openGzipRaw },
  { name: 'ext2', open: openGzipRaw },
  { name: 'ext4', open: openGzipRaw },
  // The same file systems inside containers: segmented E01, dynamic VHD, compressed GPT E01,
  // split raw, sparse VMDK, zlib QCOW2.
  { name: 'fat12-seg', open: openStored },
  { name: 'fat12-dyn', open: openStored },
  { name: 'gpt-disk-best', open: openStored },
  { name: 'ext2-split', open: openStored },
  { name: 'ext4-sparse', open: openStored },
  { name: 'ext2-zlib', open: openStored },
]
const READ_HERE = new Set(['fat12', 'fat16', 'fat32', 'exfat', 'ntfs', 'ext2', 'ext3', 'ext4'])
/** EICAR's oracle name stands for the whole 68-byte test string; its start is enough here. */
const EICAR_START = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR'

describe.each(CASES)('$name', ({ name, open }) => {
  const oracle = JSON.parse(readFileSync(join(IMAGES, `${name}.json`), 'utf8')) as CorpusOracle
  let folder = ''
  let media: ByteSource
  let layout: VolumeLayout

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'outpost-corpus-'))
    media = await open(oracle, folder)
    layout = await readVolumes(media)
  })
  afterAll(async () => {
    await media.close()
    rmSync(folder, { recursive: true, force: true })
  })

  it('has the partitions TSK lists (slot, start sector, length, type; GPT type = partition name)', () => {
    const ours = layout.volumes
      .filter((volume) => volume.scheme !== 'none')
      .map((volume) => ({
        slot: volume.slot,
        start_sector: volume.start / layout.sectorSize,
        length: volume.length / layout.sectorSize,
        type: volume.scheme === 'gpt' ? volume.name : volume.type,
      }))

    expect(ours).toEqual(oracle.partitions)
    expect(layout.sectorSize).toBe(oracle.sector_size)
  })

  for (const expected of oracle.filesystems) {
    const title = `${expected.type} at byte ${expected.offset}`
    if (!READ_HERE.has(expected.type)) {
      it.skip(`${title}: skipped, ${expected.type.toUpperCase()} is read by the next issue`, () =>
        undefined)
      continue
    }
    describe(title, () => {
      let fs: FileSystem
      let walked: Walked

      beforeAll(async () => {
        const volume = layout.volumes.find((v) => v.start === expected.offset)
        const opened = volume === undefined ? null : await openFileSystem(volume.source)
        if (opened === null) throw new Error(`no file system opened at ${expected.offset}`)
        fs = opened
        walked = await walkAll(fs)
      })

      it('lists the same entries as TSK, file for file: id, type, size, deleted flag, times and SHA-256 of every file', async () => {
        const times =
          expected.type === 'exfat' ? 'exfat' : expected.type.startsWith('ext') ? 'ext' : 'fat'

        expect(await differences(fs, walked, expected.files, { times })).toEqual([])
        expect(walked.problems).toEqual([])
        expect(fs.label).toBe(expected.label)
      })

      it('finds every test string at the file offset TSK gives, and at the same image offset', async () => {
        const hits = oracle.media_hits.filter((hit) => hit.fs_offset_bytes === expected.offset)

        expect(hits.length).toBeGreaterThan(0)
        for (const hit of hits) {
          const entry = walked.entries.find((e) => e.path === hit.file.path)
          const at = hit.file.file_offset ?? contentOffset(expected.files, hit)
          const text = hit.string === 'EICAR' ? EICAR_START : hit.string
          expect(entry, hit.file.path).toBeDefined()
          if (entry === undefined) continue
          expect((await fs.open(entry).read(at, text.length)).toString('latin1')).toBe(text)
          expect(imageOffset(entry, at, expected.offset)).toBe(hit.offset)
        }
      })
    })
  }
})

/** Where the oracle found a test string in a file's content. */
interface ContentHit {
  readonly string: string
  readonly offset: number
}

/**
 * The file offset of a hit the oracle gives no `file_offset` for (NTFS resident data, found
 * `in_metadata_record`): where the file's own content hits put the string.
 */
function contentOffset(files: readonly OracleFile[], hit: MediaHit): number {
  const file: (OracleFile & { content_hits?: readonly ContentHit[] }) | undefined = files.find(
    (f) => f.path === hit.file.path,
  )
  return file?.content_hits?.find((c) => c.string === hit.string)?.offset ?? 0
}

/** Where byte `at` of a file lies in the image, through its runs. */
function imageOffset(entry: FileEntry, at: number, fsOffset: number): number | null {
  let start = 0
  for (const run of entry.runs) {
    if (at < start + run.length)
      return run.offset === null ? null : fsOffset + run.offset + (at - start)
    start += run.length
  }
  return null
}
