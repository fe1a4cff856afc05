import { AppError } from '../../model/errors'
import { badField, ceilDiv, isPowerOfTwo, u64be } from './binary'
import type { ImageFile } from './image-file'

/** The VHD footer cookie (also at offset 0 of dynamic and differencing disks). */
export const VHD_COOKIE = Buffer.from('conectix', 'latin1')
const DYNAMIC_COOKIE = Buffer.from('cxsparse', 'latin1')
const FOOTER_BYTES = 512
const HEADER_BYTES = 1024
/** Seconds from the Unix epoch to the VHD one (2000-01-01 00:00 UTC). */
const VHD_EPOCH = 946_684_800
/** Largest block accepted (the format's default is 2 MiB). */
const MAX_BLOCK_BYTES = 256 * 1024 * 1024

/** The 512-byte VHD footer: what kind of disk this is and how big. */
export interface VhdFooter {
  readonly diskType: number
  readonly dataOffset: bigint
  readonly currentSize: number
  readonly uniqueId: string
  readonly created: string
  readonly creator: string
}

/** The dynamic-disk header: where the block table is and, for a differencing disk, its parent. */
export interface VhdDynamicHeader {
  readonly tableOffset: number
  readonly blockSize: number
  readonly blocks: number
  readonly parentId: string
  readonly parentName: string
  readonly locators: readonly {
    readonly code: string
    readonly length: number
    readonly offset: number
  }[]
}

/** One's-complement byte sum of `data` with its 4-byte checksum field at `skip` left out. */
function vhdChecksum(data: Buffer, skip: number): number {
  let sum = 0
  for (let i = 0; i < data.length; i++) if (i < skip || i >= skip + 4) sum += data[i] ?? 0
  return ~sum >>> 0
}

/**
 * The footer of `file`: the copy at its end, or, when that one is damaged, the copy a dynamic
 * disk keeps at offset 0. Its checksum is verified.
 */
export async function readVhdFooter(file: ImageFile): Promise<VhdFooter> {
  if (file.size < FOOTER_BYTES)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${file.path} is too small to be a VHD (${file.size} bytes).`,
    )
  const end = await file.readExact(file.size - FOOTER_BYTES, FOOTER_BYTES, 'VHD footer')
  if (isFooter(end)) return parseFooter(end, file.path)
  const start = await file.readExact(0, FOOTER_BYTES, 'VHD footer copy')
  if (isFooter(start)) return parseFooter(start, file.path)
  throw new AppError(
    'EVIDENCE_FORMAT',
    `${file.path}: the VHD footer is damaged (bad cookie or checksum) and there is no intact copy.`,
  )
}

function isFooter(data: Buffer): boolean {
  return data.subarray(0, 8).equals(VHD_COOKIE) && vhdChecksum(data, 64) === data.readUInt32BE(64)
}

function parseFooter(data: Buffer, path: string): VhdFooter {
  const seconds = data.readUInt32BE(24)
  return {
    diskType: data.readUInt32BE(60),
    dataOffset: data.readBigUInt64BE(16),
    currentSize: u64be(data, 48, 'disk size', path),
    uniqueId: data.toString('hex', 68, 84),
    created: new Date((VHD_EPOCH + seconds) * 1000).toISOString().replace('.000Z', 'Z'),
    creator: data.toString('latin1', 28, 32).replace(/[\0 ]+$/, ''),
  }
}

/** The dynamic header of a dynamic or differencing disk, every field range-checked. */
export async function readVhdDynamicHeader(
  file: ImageFile,
  footer: VhdFooter,
): Promise<VhdDynamicHeader> {
  const path = file.path
  if (footer.dataOffset > BigInt(file.size - HEADER_BYTES))
    throw badField(path, 'dynamic header offset', footer.dataOffset)
  const data = await file.readExact(Number(footer.dataOffset), HEADER_BYTES, 'VHD dynamic header')
  if (
    !data.subarray(0, 8).equals(DYNAMIC_COOKIE) ||
    vhdChecksum(data, 36) !== data.readUInt32BE(36)
  )
    throw new AppError('EVIDENCE_FORMAT', `${path}: the VHD dynamic header is damaged.`)
  const blockSize = data.readUInt32BE(32)
  if (!isPowerOfTwo(blockSize) || blockSize < 512 || blockSize > MAX_BLOCK_BYTES)
    throw badField(path, 'block size', blockSize)
  const blocks = ceilDiv(footer.currentSize, blockSize)
  const tableOffset = u64be(data, 16, 'block table offset', path)
  if (data.readUInt32BE(28) < blocks)
    throw badField(path, 'block table size', data.readUInt32BE(28))
  if (tableOffset + blocks * 4 > file.size) throw badField(path, 'block table offset', tableOffset)
  return {
    tableOffset,
    blockSize,
    blocks,
    parentId: data.toString('hex', 40, 56),
    parentName: swapToString(data.subarray(64, 576)),
    locators: readLocators(data),
  }
}

function readLocators(data: Buffer): VhdDynamicHeader['locators'] {
  const locators = []
  for (let i = 0; i < 8; i++) {
    const at = 576 + i * 24
    const code = data.toString('latin1', at, at + 4)
    const length = data.readUInt32BE(at + 8)
    const offset = data.readBigUInt64BE(at + 16)
    if (length === 0 || offset > BigInt(Number.MAX_SAFE_INTEGER)) continue
    locators.push({ code, length, offset: Number(offset) })
  }
  return locators
}

/** UTF-16 big-endian text up to its first NUL. */
function swapToString(data: Buffer): string {
  return Buffer.from(data).swap16().toString('utf16le').replace(/\0.*$/s, '')
}

/**
 * The parent file names a differencing disk records, best first: relative (`W2ru`) before
 * absolute (`W2ku`, `Wi2k`, `MacX`), then the bare parent name. Damaged locators are skipped.
 */
export async function vhdParentNames(file: ImageFile, header: VhdDynamicHeader): Promise<string[]> {
  const rank = ['W2ru', 'Wi2r', 'W2ku', 'Wi2k', 'MacX']
  const sorted = [...header.locators]
    .filter((l) => rank.includes(l.code) && l.length <= 4096 && l.offset + l.length <= file.size)
    .sort((a, b) => rank.indexOf(a.code) - rank.indexOf(b.code))
  const names: string[] = []
  for (const locator of sorted) {
    const data = await file.read(locator.offset, locator.length)
    const name = locator.code.startsWith('W2')
      ? data.toString('utf16le')
      : locator.code === 'MacX'
        ? decodeUrl(data.toString('utf8'))
        : data.toString('latin1')
    names.push(name.replace(/\0.*$/s, ''))
  }
  if (header.parentName !== '') names.push(header.parentName)
  return names.filter((n) => n !== '')
}

function decodeUrl(url: string): string {
  try {
    return decodeURIComponent(url.replace(/^file:\/\//, ''))
  } catch {
    return url
  }
}
