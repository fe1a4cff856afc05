import { statSync } from 'node:fs'
import { AppError } from '../../model/errors'
import { badField } from './binary'
import type { Container } from './container'
import type { ImageFile } from './image-file'
import { closeAll, makeContainer } from './media-runs'
import type { MediaRun } from './media-runs'
import type { OpenContext } from './open-context'
import { quoteName, referencedCandidates } from './open-context'
import { readVhdDynamicHeader, readVhdFooter, vhdParentNames } from './vhd-structures'
import type { VhdDynamicHeader, VhdFooter } from './vhd-structures'

const SECTOR = 512
const UNALLOCATED = 0xffffffff
/** Block table entries read at a time (4 KiB). */
const BAT_PIECE = 1024
const DISK_TYPES: Readonly<Record<number, string>> = { 2: 'fixed', 3: 'dynamic', 4: 'differencing' }

/**
 * A Virtual PC / Hyper-V VHD image: fixed (the media then the footer), dynamic (a block table
 * of 2 MiB blocks, unallocated blocks read as zeros) or differencing (sectors not marked in a
 * block's bitmap come from the parent, found through the parent locators in the image's own
 * folder and checked by its unique id). The footer checksum is verified.
 */
export async function vhdContainer(file: ImageFile, ctx: OpenContext): Promise<Container> {
  const footer = await readVhdFooter(file)
  const type = DISK_TYPES[footer.diskType]
  if (type === undefined) throw badField(file.path, 'disk type', footer.diskType)
  if (footer.currentSize === 0)
    throw new AppError('EVIDENCE_FORMAT', `${file.path} is a VHD of 0 bytes: there is no media.`)
  const details = {
    vhdType: type,
    uniqueId: footer.uniqueId,
    created: footer.created,
    creator: footer.creator,
  }
  if (type === 'fixed') return fixedVhd(file, footer, details)
  const header = await readVhdDynamicHeader(file, footer)
  const parent = type === 'differencing' ? await openParent(file, header, ctx) : null
  const dynamic: DynamicVhd = { file, header, parent, ctx, bitmapBytes: bitmapBytes(header) }
  return makeContainer({
    format: 'vhd',
    size: footer.currentSize,
    files: [file.path, ...(parent?.files ?? [])],
    sectorSize: SECTOR,
    details: {
      ...details,
      blockSize: header.blockSize,
      ...(parent ? { parent: parent.files[0] ?? '' } : {}),
    },
    resolve: (offset, maxLength) => blockRun(dynamic, offset, maxLength),
    release: () => closeAll(parent === null ? [file] : [file, parent]),
  })
}

function fixedVhd(file: ImageFile, footer: VhdFooter, details: Container['details']): Container {
  if (footer.currentSize > file.size - SECTOR)
    throw badField(file.path, 'disk size', footer.currentSize)
  return makeContainer({
    format: 'vhd',
    size: footer.currentSize,
    files: [file.path],
    sectorSize: SECTOR,
    details,
    resolve: (offset, maxLength) =>
      Promise.resolve({ kind: 'file', length: maxLength, file, position: offset }),
    release: () => file.close(),
  })
}

interface DynamicVhd {
  readonly file: ImageFile
  readonly header: VhdDynamicHeader
  readonly parent: Container | null
  readonly ctx: OpenContext
  readonly bitmapBytes: number
}

/** Size of a block's sector bitmap: one bit per sector, padded to whole sectors. */
function bitmapBytes(header: VhdDynamicHeader): number {
  return Math.ceil(header.blockSize / SECTOR / 8 / SECTOR) * SECTOR
}

async function blockRun(vhd: DynamicVhd, offset: number, maxLength: number): Promise<MediaRun> {
  const { blockSize } = vhd.header
  const block = Math.floor(offset / blockSize)
  const within = offset - block * blockSize
  const length = Math.min(maxLength, blockSize - within)
  const sector = await batEntry(vhd, block)
  if (sector === UNALLOCATED)
    return vhd.parent === null
      ? { kind: 'zero', length }
      : { kind: 'source', length, source: vhd.parent, offset }
  const dataAt = sector * SECTOR + vhd.bitmapBytes
  // A dynamic disk's allocated block is read whole (as qemu does); only a differencing disk
  // needs the bitmap, to know which sectors are its own.
  if (vhd.parent === null)
    return { kind: 'file', length, file: vhd.file, position: dataAt + within }
  const bitmap = await readBitmap(vhd, block, sector)
  const own = isSet(bitmap, Math.floor(within / SECTOR))
  let end = Math.floor(within / SECTOR) + 1
  while (end * SECTOR < within + length && isSet(bitmap, end) === own) end++
  const runLength = Math.min(length, end * SECTOR - within)
  return own
    ? { kind: 'file', length: runLength, file: vhd.file, position: dataAt + within }
    : { kind: 'source', length: runLength, source: vhd.parent, offset }
}

function isSet(bitmap: Buffer, sector: number): boolean {
  return ((bitmap[sector >> 3] ?? 0) & (0x80 >> (sector & 7))) !== 0
}

async function batEntry(vhd: DynamicVhd, block: number): Promise<number> {
  const piece = Math.floor(block / BAT_PIECE)
  const first = piece * BAT_PIECE
  const count = Math.min(BAT_PIECE, vhd.header.blocks - first)
  const data = await vhd.ctx.cache.get(`${vhd.file.id}:vhd-bat:${piece}`, () =>
    vhd.file.readRequired(
      vhd.header.tableOffset + first * 4,
      count * 4,
      `block table (block ${block})`,
    ),
  )
  return data.readUInt32BE((block - first) * 4)
}

function readBitmap(vhd: DynamicVhd, block: number, sector: number): Promise<Buffer> {
  return vhd.ctx.cache.get(`${vhd.file.id}:vhd-bitmap:${block}`, () =>
    vhd.file.readRequired(sector * SECTOR, vhd.bitmapBytes, `sector bitmap of block ${block}`),
  )
}

async function openParent(
  file: ImageFile,
  header: VhdDynamicHeader,
  ctx: OpenContext,
): Promise<Container> {
  const names = await vhdParentNames(file, header)
  const candidates = [...new Set(names.flatMap((n) => referencedCandidates(file.path, n)))]
  let mismatch: string | null = null
  for (const path of candidates) {
    if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true) continue
    const parent = await ctx.openReferenced(path)
    if (parent.format === 'vhd' && parent.details['uniqueId'] === header.parentId) return parent
    mismatch = path
    await parent.close()
  }
  if (mismatch !== null)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${mismatch} is not the parent of the differencing disk ${file.path}: its unique id ` +
        `differs from ${header.parentId}. The parent was modified, replaced or is another disk.`,
    )
  const recorded = names.map(quoteName).join(', ')
  throw new AppError(
    'EVIDENCE_SEGMENT_MISSING',
    `The parent disk of the differencing VHD ${file.path} is missing (recorded as ` +
      `${recorded === '' ? 'nothing' : recorded}). Copy the parent beside it and open it again.`,
  )
}
