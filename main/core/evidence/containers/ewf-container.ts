import { AppError } from '../../model/errors'
import { badField, ceilDiv } from './binary'
import type { BlockCache } from './block-cache'
import type { Container } from './container'
import { readEwfChunk } from './ewf-chunks'
import type { EwfChunks } from './ewf-chunks'
import { newEwfState, readSegmentNumber, walkSegment } from './ewf-sections'
import type { EwfState, EwfVolume } from './ewf-sections'
import { ImageFile } from './image-file'
import { closeAll, makeContainer } from './media-runs'
import type { OpenContext } from './open-context'
import { ewfFirstSegment, ewfSegmentPath } from './segment-names'

/** Largest chunk accepted (32768 sectors of 512 bytes, EnCase's maximum). */
const MAX_CHUNK_BYTES = 16 * 1024 * 1024
const MEDIA_TYPES: Readonly<Record<number, string>> = {
  0: 'removable',
  1: 'fixed',
  3: 'optical',
  14: 'logical',
  16: 'memory',
}
const COMPRESSION_LEVELS = ['none', 'fast', 'best'] as const

/**
 * An EWF-E01 (EnCase 1–7, FTK Imager, ewfacquire) or EWF-S01 image, from its first segment
 * on: `x.E01 x.E02 … x.EAA …`. Chunks are zlib-inflated or, uncompressed, checked against their
 * Adler-32; a damaged chunk is an `EVIDENCE_READ` naming it. The stored MD5 (`hash`) and SHA-1
 * (`digest`) are read into `storedHashes`.
 *
 * `given` may be any segment of the set: the set is opened from segment 1.
 */
export async function ewfContainer(given: ImageFile, ctx: OpenContext): Promise<Container> {
  const { files, state } = await openSegments(given)
  try {
    const volume = checkVolume(state, files[0]?.path ?? given.path)
    return buildContainer(files, state, volume, ctx.cache)
  } catch (error: unknown) {
    await closeAll(files)
    throw error
  }
}

async function openSegments(given: ImageFile): Promise<{ files: ImageFile[]; state: EwfState }> {
  const number = await readSegmentNumber(given)
  if (number === 0)
    throw new AppError('EVIDENCE_FORMAT', `${given.path}: the EWF file header is damaged.`)
  const firstPath = ewfFirstSegment(given.path, number)
  if (firstPath === null) {
    await given.close()
    throw new AppError(
      'EVIDENCE_SEGMENT_MISSING',
      `${given.path} is segment ${number} of an EWF image; open the first segment (.E01).`,
    )
  }
  if (number !== 1) await given.close()
  const files = [number === 1 ? given : await ImageFile.open(firstPath, 'segment')]
  const state = newEwfState()
  try {
    for (let n = 1; ; n++) {
      const file = files[n - 1]
      if (file === undefined || (await walkSegment(file, n, state)) === 'done') break
      const next = ewfSegmentPath(firstPath, n + 1)
      if (next === null)
        throw new AppError(
          'EVIDENCE_SEGMENT_MISSING',
          `${firstPath} continues in a segment ${n + 1} that cannot be named: rename the first ` +
            'segment to end in .E01 and the others .E02, .E03 …',
        )
      files.push(await ImageFile.open(next, 'segment'))
    }
  } catch (error: unknown) {
    await closeAll(files)
    throw error
  }
  return { files, state }
}

function checkVolume(state: EwfState, path: string): EwfVolume {
  const volume = state.volume
  if (volume === null)
    throw new AppError('EVIDENCE_FORMAT', `${path} has no intact volume section (media geometry).`)
  const { bytesPerSector, sectorsPerChunk, sectorCount } = volume
  if (bytesPerSector < 1 || bytesPerSector > 65536)
    throw badField(path, 'bytes per sector', bytesPerSector)
  if (sectorsPerChunk < 1 || sectorsPerChunk * bytesPerSector > MAX_CHUNK_BYTES)
    throw badField(path, 'sectors per chunk', sectorsPerChunk)
  if (sectorCount < 1 || sectorCount * bytesPerSector > Number.MAX_SAFE_INTEGER)
    throw badField(path, 'number of sectors', sectorCount)
  const needed = ceilDiv(sectorCount * bytesPerSector, sectorsPerChunk * bytesPerSector)
  if (state.chunks < needed)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${path}: the chunk tables list ${state.chunks} chunks but the media needs ${needed}; ` +
        'a segment is probably truncated.',
    )
  return volume
}

function buildContainer(
  files: readonly ImageFile[],
  state: EwfState,
  volume: EwfVolume,
  cache: BlockCache,
): Container {
  const chunkSize = volume.sectorsPerChunk * volume.bytesPerSector
  const size = volume.sectorCount * volume.bytesPerSector
  const chunks: EwfChunks = {
    tables: state.tables,
    chunkSize,
    size,
    cache,
    key: files[0]?.id ?? '',
  }
  const storedHashes = {
    ...(state.md5 === undefined ? {} : { md5: state.md5 }),
    ...(state.sha1 === undefined ? {} : { sha1: state.sha1 }),
  }
  return makeContainer({
    format: 'ewf',
    size,
    files: files.map((f) => f.path),
    sectorSize: volume.bytesPerSector,
    storedHashes,
    details: ewfDetails(files.length, state, volume),
    resolve: async (offset, maxLength) => {
      const index = Math.floor(offset / chunkSize)
      const last = Math.floor((offset + maxLength - 1) / chunkSize)
      const data = await readEwfChunk(chunks, index, last)
      const start = offset - index * chunkSize
      return { kind: 'buffer', data, start, length: Math.min(maxLength, data.length - start) }
    },
    release: async () => {
      await closeAll(files)
    },
  })
}

function ewfDetails(
  segments: number,
  state: EwfState,
  volume: EwfVolume,
): Record<string, string | number | boolean> {
  const flags = volume.mediaFlags
  return {
    ewfFormat: volume.layout,
    segments,
    bytesPerSector: volume.bytesPerSector,
    sectorsPerChunk: volume.sectorsPerChunk,
    chunkSize: volume.sectorsPerChunk * volume.bytesPerSector,
    numberOfSectors: volume.sectorCount,
    compressionLevel:
      COMPRESSION_LEVELS[volume.compressionLevel] ?? `unknown (${volume.compressionLevel})`,
    mediaType: MEDIA_TYPES[volume.mediaType] ?? `unknown (${volume.mediaType})`,
    mediaFlags: flags,
    isPhysical: (flags & 0x02) !== 0,
    ...((flags & 0x04) !== 0
      ? { writeBlocker: 'Fastbloc' }
      : (flags & 0x08) !== 0
        ? { writeBlocker: 'Tableau' }
        : {}),
    ...(/^0*$/.test(volume.setIdentifier) ? {} : { setIdentifier: volume.setIdentifier }),
    acquisitionErrors: state.acquisitionErrors,
    ...(state.damagedSections > 0 ? { damagedSections: state.damagedSections } : {}),
    ...state.header,
  }
}
