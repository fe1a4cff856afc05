import { AppError } from '../../model/errors'
import { badField, ceilDiv, describeError, inflateBounded, isPowerOfTwo, u64le } from './binary'
import type { BlockCache } from './block-cache'
import type { ImageFile } from './image-file'
import type { MediaRun } from './media-runs'

/** `KDMV`: the magic of a VMware sparse extent (monolithicSparse, streamOptimized, -s001 …). */
export const VMDK_SPARSE_MAGIC = Buffer.from('KDMV', 'latin1')
const SECTOR = 512
const GD_AT_END = 0xffffffffffffffffn
const FLAG_ZEROED_GTE = 0x4
const FLAG_COMPRESSED = 0x10000
/** Largest grain accepted: 2 MiB (VMware uses 64 KiB). */
const MAX_GRAIN_SECTORS = 4096
/** Largest grain table accepted: 64 Ki entries (VMware uses 512). */
const MAX_GTES = 65536
/** Grain directory entries read at a time (4 KiB). */
const GD_PIECE = 1024
/** Most bytes of an embedded descriptor read. */
const MAX_DESCRIPTOR = 64 * 1024

/** One sparse extent: its size and how its bytes are found. */
export interface SparseExtent {
  readonly file: ImageFile
  /** Bytes of media it holds. */
  readonly capacity: number
  readonly compressed: boolean
  /** The descriptor text embedded in it (monolithicSparse), or ''. */
  readonly descriptor: string
  /** Where `[offset, offset + maxLength)` of this extent comes from. */
  readonly run: (offset: number, maxLength: number) => Promise<MediaRun>
}

interface Layout {
  readonly file: ImageFile
  readonly cache: BlockCache
  readonly grainBytes: number
  readonly gtes: number
  readonly gdAt: number
  readonly gdes: number
  readonly zeroedGte: boolean
  readonly compressed: boolean
}

/**
 * Open the sparse extent `file`: header (or, for streamOptimized, the footer copy at the end),
 * grain directory and tables read on demand, grains plain or deflate-compressed.
 */
export async function openSparseExtent(file: ImageFile, cache: BlockCache): Promise<SparseExtent> {
  let header = await file.readExact(0, SECTOR, 'VMDK sparse header')
  if (!header.subarray(0, 4).equals(VMDK_SPARSE_MAGIC))
    throw new AppError('EVIDENCE_FORMAT', `${file.path} is not a VMDK sparse extent.`)
  const descriptor = await readDescriptor(file, header)
  if (header.readBigUInt64LE(56) === GD_AT_END) {
    // streamOptimized: the real header is the footer copy, 1024 bytes before the end.
    header = await file.readExact(file.size - 2 * SECTOR, SECTOR, 'VMDK footer')
    if (
      !header.subarray(0, 4).equals(VMDK_SPARSE_MAGIC) ||
      header.readBigUInt64LE(56) === GD_AT_END
    )
      throw new AppError('EVIDENCE_FORMAT', `${file.path}: the VMDK footer is missing or damaged.`)
  }
  const { layout, capacity } = parseHeader(file, cache, header)
  return {
    file,
    capacity,
    compressed: layout.compressed,
    descriptor,
    run: (offset, maxLength) => grainRun(layout, offset, maxLength),
  }
}

function parseHeader(
  file: ImageFile,
  cache: BlockCache,
  header: Buffer,
): { layout: Layout; capacity: number } {
  const path = file.path
  const version = header.readUInt32LE(4)
  const flags = header.readUInt32LE(8)
  if (version < 1 || version > 3) throw badField(path, 'VMDK version', version)
  const sectors = u64le(header, 12, 'capacity', path)
  const grain = u64le(header, 20, 'grain size', path)
  const gtes = header.readUInt32LE(44)
  const gdAt = u64le(header, 56, 'grain directory offset', path) * SECTOR
  if (sectors < 1 || sectors > Number.MAX_SAFE_INTEGER / SECTOR)
    throw badField(path, 'capacity', sectors)
  if (!isPowerOfTwo(grain) || grain > MAX_GRAIN_SECTORS) throw badField(path, 'grain size', grain)
  if (gtes < 1 || gtes > MAX_GTES) throw badField(path, 'grain table size', gtes)
  const compressed = (flags & FLAG_COMPRESSED) !== 0
  if (compressed && header.readUInt16LE(77) !== 1)
    throw badField(path, 'compression algorithm', header.readUInt16LE(77))
  const gdes = ceilDiv(sectors, grain * gtes)
  if (gdAt + gdes * 4 > file.size) throw badField(path, 'grain directory offset', gdAt)
  const layout: Layout = {
    file,
    cache,
    grainBytes: grain * SECTOR,
    gtes,
    gdAt,
    gdes,
    zeroedGte: (flags & FLAG_ZEROED_GTE) !== 0,
    compressed,
  }
  return { layout, capacity: sectors * SECTOR }
}

async function readDescriptor(file: ImageFile, header: Buffer): Promise<string> {
  const at = header.readBigUInt64LE(28) * BigInt(SECTOR)
  const size = header.readBigUInt64LE(36) * BigInt(SECTOR)
  if (at === 0n || size === 0n || at >= BigInt(file.size)) return ''
  const data = await file.read(Number(at), Math.min(Number(size), MAX_DESCRIPTOR))
  return data.toString('latin1').replace(/\0.*$/s, '')
}

async function grainRun(layout: Layout, offset: number, maxLength: number): Promise<MediaRun> {
  const grain = Math.floor(offset / layout.grainBytes)
  const within = offset - grain * layout.grainBytes
  const length = Math.min(maxLength, layout.grainBytes - within)
  const gte = await grainEntry(layout, grain)
  if (gte === 0 || (gte === 1 && layout.zeroedGte)) return { kind: 'zero', length }
  if (!layout.compressed)
    return { kind: 'file', length, file: layout.file, position: gte * SECTOR + within }
  const data = await layout.cache.get(`${layout.file.id}:vmdk-grain:${gte}`, () =>
    inflateGrain(layout, gte, grain),
  )
  return { kind: 'buffer', length, data, start: within }
}

async function grainEntry(layout: Layout, grain: number): Promise<number> {
  const table = Math.floor(grain / layout.gtes)
  const piece = Math.floor(table / GD_PIECE)
  const first = piece * GD_PIECE
  const gd = await layout.cache.get(`${layout.file.id}:vmdk-gd:${piece}`, () =>
    layout.file.readRequired(
      layout.gdAt + first * 4,
      Math.min(GD_PIECE, layout.gdes - first) * 4,
      'grain directory',
    ),
  )
  const gde = gd.readUInt32LE((table - first) * 4)
  if (gde === 0) return 0
  const gt = await layout.cache.get(`${layout.file.id}:vmdk-gt:${gde}`, () =>
    layout.file.readRequired(gde * SECTOR, layout.gtes * 4, `grain table ${table}`),
  )
  return gt.readUInt32LE((grain - table * layout.gtes) * 4)
}

async function inflateGrain(layout: Layout, gte: number, grain: number): Promise<Buffer> {
  const where = `${layout.file.path}: compressed grain ${grain} (media offset ${grain * layout.grainBytes}) at offset ${gte * SECTOR}`
  const head = await layout.file.readRequired(gte * SECTOR, 12, 'compressed grain header')
  const size = head.readUInt32LE(8)
  if (
    size === 0 ||
    size > layout.grainBytes * 2 + 4096 ||
    gte * SECTOR + 12 + size > layout.file.size
  )
    throw new AppError('EVIDENCE_READ', `Cannot read ${where}: its size (${size}) is out of range.`)
  const packed = await layout.file.readRequired(gte * SECTOR + 12, size, 'compressed grain')
  let data: Buffer
  try {
    data = inflateBounded(packed, layout.grainBytes)
  } catch (error: unknown) {
    throw new AppError('EVIDENCE_READ', `Cannot read ${where}: ${describeError(error)}.`, {
      cause: error,
    })
  }
  if (data.length === layout.grainBytes) return data
  // The last grain of a disk may be stored short; the rest of it reads as zeros.
  const full = Buffer.alloc(layout.grainBytes)
  data.copy(full)
  return full
}
