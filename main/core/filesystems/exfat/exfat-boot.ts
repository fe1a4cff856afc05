import type { ByteSource } from '../../evidence/byte-source'
import { AppError } from '../../model/errors'

/** Geometry and identity of an exFAT volume, from its boot sector. */
export interface ExfatBoot {
  readonly sectorSize: number
  readonly clusterSize: number
  readonly volumeSectors: number
  /** FAT and cluster heap positions, in sectors. */
  readonly fatSector: number
  readonly fatSectors: number
  readonly heapSector: number
  readonly clusterCount: number
  readonly lastCluster: number
  readonly rootCluster: number
  readonly serial: string
  readonly revision: string
  readonly fatCount: number
  /** The FAT (and allocation bitmap) in use: 0, or 1 with TexFAT's second FAT. */
  readonly activeFat: number
  /** The boot region read: the main one, or the backup when the main one is damaged. */
  readonly region: 'main' | 'backup'
  readonly warnings: readonly string[]
}

/** A boot region is 12 sectors: boot sector, 8 extended boot sectors, OEM, reserved, checksum. */
const REGION_SECTORS = 12

/**
 * Read the exFAT boot region: the boot sector's geometry, checked against the region checksum
 * (sector 11). A damaged main region falls back to the backup one (sectors 12–23), with a
 * warning; when both fail the checksum, the main one is read anyway and the warning says so.
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when the geometry is impossible.
 */
export async function readExfatBoot(source: ByteSource): Promise<ExfatBoot> {
  const first = await source.read(0, 512)
  const shift = first[108] ?? 0
  if (first.length < 512 || shift < 9 || shift > 12) {
    throw new AppError(
      'FILESYSTEM_CORRUPT',
      `The exFAT boot sector gives an impossible sector size (2^${shift} bytes).`,
    )
  }
  const sectorSize = 2 ** shift
  const regions = await source.read(0, 2 * REGION_SECTORS * sectorSize)
  const main = regions.subarray(0, REGION_SECTORS * sectorSize)
  const backup = regions.subarray(REGION_SECTORS * sectorSize)
  if (checksumHolds(main, sectorSize)) return parseBootSector(main, source.size, 'main', [])
  if (checksumHolds(backup, sectorSize)) {
    return parseBootSector(backup, source.size, 'backup', [
      'The main exFAT boot region fails its checksum; the backup boot region was used.',
    ])
  }
  return parseBootSector(main, source.size, 'main', [
    'The exFAT boot region fails its checksum (main and backup); the main boot sector was read anyway.',
  ])
}

/** The boot region checksum (sectors 0–10, skipping VolumeFlags and PercentInUse) vs sector 11. */
function checksumHolds(region: Buffer, sectorSize: number): boolean {
  if (region.length < REGION_SECTORS * sectorSize) return false
  let sum = 0
  for (let i = 0; i < 11 * sectorSize; i += 1) {
    if (i === 106 || i === 107 || i === 112) continue
    sum = ((((sum & 1) << 31) | (sum >>> 1)) + (region[i] ?? 0)) >>> 0
  }
  const stored = region.subarray(11 * sectorSize, 12 * sectorSize)
  for (let at = 0; at < sectorSize; at += 4) if (stored.readUInt32LE(at) !== sum) return false
  return true
}

type Geometry = Pick<
  ExfatBoot,
  | 'sectorSize'
  | 'clusterSize'
  | 'volumeSectors'
  | 'fatSector'
  | 'fatSectors'
  | 'heapSector'
  | 'clusterCount'
  | 'fatCount'
>

function parseBootSector(
  region: Buffer,
  mediaSize: number,
  which: 'main' | 'backup',
  warnings: string[],
): ExfatBoot {
  const sector = region.subarray(0, 512)
  const geometry = exfatGeometry(sector)
  const bytes = geometry.volumeSectors * geometry.sectorSize
  if (bytes > mediaSize) {
    warnings.push(
      `The file system is ${bytes} bytes long but its volume holds ${mediaSize}: clusters past the end cannot be read.`,
    )
  }
  const serial = sector.readUInt32LE(100).toString(16).padStart(8, '0')
  return {
    ...geometry,
    lastCluster: geometry.clusterCount + 1,
    rootCluster: sector.readUInt32LE(96),
    serial: `${serial.slice(0, 4)}-${serial.slice(4)}`,
    revision: `${sector[105] ?? 0}.${sector[104] ?? 0}`,
    // With two FATs (TexFAT), bit 0 of VolumeFlags names the active one.
    activeFat: geometry.fatCount === 2 ? sector.readUInt16LE(106) & 1 : 0,
    region: which,
    warnings,
  }
}

/** The geometry fields, each checked against the others; impossible ones are corruption. */
function exfatGeometry(sector: Buffer): Geometry {
  if (sector.readUInt16LE(510) !== 0xaa55 || sector.subarray(11, 64).some((byte) => byte !== 0)) {
    corrupt('its signature or its must-be-zero area is wrong')
  }
  const sectorSize = 2 ** (sector[108] ?? 9)
  const clusterShift = sector[109] ?? 0
  if (clusterShift > 25 - Math.log2(sectorSize))
    corrupt(`its cluster size (2^${clusterShift} sectors) is over 32 MiB`)
  const g: Geometry = {
    sectorSize,
    clusterSize: sectorSize * 2 ** clusterShift,
    volumeSectors: Number(sector.readBigUInt64LE(72)),
    fatSector: sector.readUInt32LE(80),
    fatSectors: sector.readUInt32LE(84),
    heapSector: sector.readUInt32LE(88),
    clusterCount: sector.readUInt32LE(92),
    fatCount: sector[110] ?? 0,
  }
  if (g.fatCount < 1 || g.fatCount > 2) corrupt(`it names ${g.fatCount} FATs`)
  if (
    g.fatSector < 24 ||
    g.fatSectors === 0 ||
    g.heapSector < g.fatSector + g.fatSectors * g.fatCount
  ) {
    corrupt('its FAT and cluster heap overlap')
  }
  const heapEnd = g.heapSector + (g.clusterCount * g.clusterSize) / sectorSize
  if (g.clusterCount < 1 || g.clusterCount > 0xfffffff5 || heapEnd > g.volumeSectors) {
    corrupt(`its ${g.clusterCount} clusters do not fit in the volume`)
  }
  if ((g.fatSectors * sectorSize) / 4 < g.clusterCount + 2)
    corrupt('its FAT is too small for its clusters')
  return g
}

function corrupt(why: string): never {
  throw new AppError(
    'FILESYSTEM_CORRUPT',
    `The exFAT boot sector cannot describe a file system: ${why}.`,
  )
}
