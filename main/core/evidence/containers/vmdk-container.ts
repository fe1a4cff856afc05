import { statSync } from 'node:fs'
import { AppError } from '../../model/errors'
import type { Container } from './container'
import { ImageFile } from './image-file'
import { closeAll, makeContainer } from './media-runs'
import type { MediaRun } from './media-runs'
import type { OpenContext } from './open-context'
import { quoteName, referencedCandidates } from './open-context'
import { parseVmdkDescriptor } from './vmdk-descriptor'
import type { VmdkExtentLine } from './vmdk-descriptor'
import { openSparseExtent } from './vmdk-sparse'

const SECTOR = 512
/** Most bytes of a descriptor file read (4096 extent lines fit easily). */
const MAX_DESCRIPTOR_FILE = 1024 * 1024
const WHOLE_DISK_TYPES = ['', 'monolithicSparse', 'streamOptimized']

/**
 * A single-file sparse VMDK (monolithicSparse, or streamOptimized with deflate-compressed
 * grains). One extent of a split sparse disk (`-s001.vmdk`) is refused: its descriptor names
 * the others.
 */
export async function vmdkSparseContainer(file: ImageFile, ctx: OpenContext): Promise<Container> {
  const extent = await openSparseExtent(file, ctx.cache)
  const createType =
    extent.descriptor === '' ? '' : parseVmdkDescriptor(extent.descriptor, file.path).createType
  if (!WHOLE_DISK_TYPES.includes(createType))
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${file.path} is one extent of a ${quoteName(createType)} VMDK; open its descriptor file (the small .vmdk ` +
        'that names all the extents) instead.',
    )
  return makeContainer({
    format: 'vmdk',
    size: extent.capacity,
    files: [file.path],
    sectorSize: SECTOR,
    details: { vmdkType: createType || 'sparse extent', compressedGrains: extent.compressed },
    resolve: (offset, maxLength) => extent.run(offset, maxLength),
    release: () => file.close(),
  })
}

interface PlacedExtent {
  readonly start: number
  readonly length: number
  readonly run: (offset: number, maxLength: number) => Promise<MediaRun>
}

/**
 * A VMDK descriptor file (monolithicFlat, twoGbMaxExtentFlat/Sparse, vmfs…): the media is its
 * extents in order, each FLAT (a plain file from a sector offset), SPARSE (a KDMV file) or ZERO.
 * Extent files are looked up in the descriptor's folder; a missing one is
 * `EVIDENCE_SEGMENT_MISSING` naming it.
 */
export async function vmdkDescriptorContainer(
  file: ImageFile,
  ctx: OpenContext,
): Promise<Container> {
  const text = (await file.read(0, MAX_DESCRIPTOR_FILE)).toString('latin1').replace(/\0.*$/s, '')
  const descriptor = parseVmdkDescriptor(text, file.path)
  if (descriptor.extents.length === 0)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${file.path} is a VMDK descriptor that lists no extents.`,
    )
  const opened = new Map<string, ImageFile>()
  try {
    const placed: PlacedExtent[] = []
    let size = 0
    for (const line of descriptor.extents) {
      placed.push({
        start: size,
        length: line.sectors * SECTOR,
        run: await openExtent(file, line, opened, ctx),
      })
      size += line.sectors * SECTOR
    }
    if (size === 0)
      throw new AppError('EVIDENCE_FORMAT', `${file.path} describes a disk of 0 bytes.`)
    const extentFiles = [...opened.values()]
    return makeContainer({
      format: 'vmdk',
      size,
      files: [file.path, ...extentFiles.map((f) => f.path)],
      sectorSize: SECTOR,
      details: { vmdkType: descriptor.createType, extents: descriptor.extents.length },
      resolve: (offset, maxLength) => extentRun(placed, offset, maxLength),
      release: () => closeAll([file, ...extentFiles]),
    })
  } catch (error: unknown) {
    await closeAll([...opened.values()])
    throw error
  }
}

async function openExtent(
  descriptor: ImageFile,
  line: VmdkExtentLine,
  opened: Map<string, ImageFile>,
  ctx: OpenContext,
): Promise<PlacedExtent['run']> {
  const length = line.sectors * SECTOR
  if (line.type === 'ZERO')
    return (_offset, maxLength) => Promise.resolve({ kind: 'zero', length: maxLength })
  if (line.access === 'NOACCESS' || !['FLAT', 'VMFS', 'SPARSE'].includes(line.type))
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${descriptor.path}: extent ${quoteName(line.file)} is of type ${line.access} ${line.type}, which Outpost ` +
        'does not read (FLAT, VMFS, SPARSE and ZERO extents are supported).',
    )
  const file = await openExtentFile(descriptor, line.file, opened)
  if (line.type !== 'SPARSE') {
    const start = line.offset * SECTOR
    return (offset, maxLength) =>
      Promise.resolve({ kind: 'file', length: maxLength, file, position: start + offset })
  }
  const sparse = await openSparseExtent(file, ctx.cache)
  return (offset, maxLength) =>
    offset < sparse.capacity
      ? sparse.run(offset, Math.min(maxLength, sparse.capacity - offset))
      : Promise.resolve({ kind: 'zero', length: Math.min(maxLength, length - offset) })
}

async function openExtentFile(
  descriptor: ImageFile,
  name: string,
  opened: Map<string, ImageFile>,
): Promise<ImageFile> {
  const candidates = referencedCandidates(descriptor.path, name)
  const path = candidates.find((c) => statSync(c, { throwIfNoEntry: false })?.isFile() === true)
  if (path === undefined)
    throw new AppError(
      'EVIDENCE_SEGMENT_MISSING',
      `The extent ${quoteName(name)} of the VMDK ${descriptor.path} is missing; copy it beside the descriptor.`,
    )
  const known = opened.get(path)
  if (known !== undefined) return known
  const file = await ImageFile.open(path, 'segment')
  opened.set(path, file)
  return file
}

function extentRun(
  placed: readonly PlacedExtent[],
  offset: number,
  maxLength: number,
): Promise<MediaRun> {
  let low = 0
  let high = placed.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((placed[mid]?.start ?? 0) <= offset) low = mid
    else high = mid - 1
  }
  // Skip empty extents (0 sectors) that share a start with the next one.
  let index = low
  while ((placed[index]?.length ?? 1) === 0) index++
  const extent = placed[index]
  if (extent === undefined) throw new Error(`No VMDK extent holds offset ${offset}`)
  const within = offset - extent.start
  return extent.run(within, Math.min(maxLength, extent.length - within))
}
