import { AppError } from '../../model/errors'

/** The three FAT variants, told apart by their cluster count as the specification says. */
export type FatKind = 'fat12' | 'fat16' | 'fat32'

/** Geometry and identity of a FAT file system, from its boot sector. */
export interface FatBoot {
  readonly kind: FatKind
  readonly sectorSize: number
  readonly sectorsPerCluster: number
  readonly clusterSize: number
  readonly reservedSectors: number
  readonly fatCount: number
  readonly fatSectors: number
  /** The FAT read (0-based): FAT32 can disable mirroring and name one active FAT. */
  readonly activeFat: number
  /** FAT12/16: the fixed root directory area (first sector, sector count); 0 on FAT32. */
  readonly rootSector: number
  readonly rootSectors: number
  /** FAT32: the root directory's first cluster; 0 on FAT12/16. */
  readonly rootCluster: number
  /** First sector of cluster 2. */
  readonly firstDataSector: number
  readonly totalSectors: number
  readonly clusterCount: number
  /** Highest cluster number in use: `clusterCount + 1`, lowered when the FAT is too small. */
  readonly lastCluster: number
  readonly volumeId: string | null
  readonly bootLabel: string | null
  readonly oemName: string
  readonly typeLabel: string | null
  readonly warnings: readonly string[]
}

const FAT32_MAX_CLUSTERS = 0x0ffffff5

/** The identity fields of a boot sector: volume ID, label and type label need the 0x29 signature. */
type Identity = Pick<FatBoot, 'volumeId' | 'bootLabel' | 'oemName' | 'typeLabel'>

/**
 * Read the BIOS parameter block of a FAT boot sector (already recognised by `isFatBpb`).
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when the fields cannot describe a file system (no room
 *   for a data area, FATs past the end of the volume).
 */
export function parseFatBoot(sector: Buffer, mediaSize: number): FatBoot {
  const geometry = fatGeometry(sector)
  const warnings: string[] = []
  const { kind, clusterCount, fatSectors, sectorSize, totalSectors } = geometry
  const lastCluster = usableLastCluster(kind, clusterCount, fatSectors * sectorSize, warnings)
  if (totalSectors * sectorSize > mediaSize) {
    warnings.push(
      `The file system is ${totalSectors * sectorSize} bytes long but its volume holds ${mediaSize}: clusters past the end cannot be read.`,
    )
  }
  return { ...geometry, lastCluster, ...identity(sector, kind === 'fat32'), warnings }
}

function fatGeometry(sector: Buffer): Omit<FatBoot, 'lastCluster' | 'warnings' | keyof Identity> {
  const sectorSize = sector.readUInt16LE(11)
  const sectorsPerCluster = sector[13] ?? 1
  const reservedSectors = sector.readUInt16LE(14)
  const fatCount = sector[16] ?? 1
  const totalSectors = sector.readUInt16LE(19) || sector.readUInt32LE(32)
  const isFat32Layout = sector.readUInt16LE(22) === 0
  const fatSectors = isFat32Layout ? sector.readUInt32LE(36) : sector.readUInt16LE(22)
  const rootSectors = Math.ceil((sector.readUInt16LE(17) * 32) / sectorSize)
  const rootSector = reservedSectors + fatCount * fatSectors
  const firstDataSector = rootSector + rootSectors
  if (firstDataSector >= totalSectors) {
    throw new AppError(
      'FILESYSTEM_CORRUPT',
      `The FAT boot sector leaves no data area: its FATs and root directory end at sector ${firstDataSector}, but the file system has ${totalSectors} sectors.`,
    )
  }
  const clusterCount = Math.floor((totalSectors - firstDataSector) / sectorsPerCluster)
  return {
    kind: fatKind(clusterCount, isFat32Layout),
    sectorSize,
    sectorsPerCluster,
    clusterSize: sectorSize * sectorsPerCluster,
    reservedSectors,
    fatCount,
    fatSectors,
    activeFat: activeFat(sector, isFat32Layout, fatCount),
    rootSector: isFat32Layout ? 0 : rootSector,
    rootSectors: isFat32Layout ? 0 : rootSectors,
    rootCluster: isFat32Layout ? sector.readUInt32LE(44) & 0x0fffffff : 0,
    firstDataSector,
    totalSectors,
    clusterCount,
  }
}

function identity(sector: Buffer, isFat32Layout: boolean): Identity {
  const at = isFat32Layout ? 64 : 36
  const hasExtended = sector[at + 2] === 0x29
  return {
    volumeId: hasExtended ? `0x${sector.readUInt32LE(at + 3).toString(16)}` : null,
    bootLabel: hasExtended ? trimLabel(sector.subarray(at + 7, at + 18)) : null,
    oemName: asciiField(sector.subarray(3, 11)),
    typeLabel: hasExtended ? asciiField(sector.subarray(at + 18, at + 26)) : null,
  }
}

function fatKind(clusterCount: number, isFat32Layout: boolean): FatKind {
  // A FAT32-shaped boot sector (no 16-bit FAT size, no fixed root) is read as FAT32 even with
  // few clusters: its root directory is a cluster chain, so FAT16 rules would find nothing.
  if (isFat32Layout) return 'fat32'
  if (clusterCount < 4085) return 'fat12'
  return 'fat16'
}

/** The last cluster the FAT can describe: a FAT shorter than the cluster count caps it. */
function usableLastCluster(
  kind: FatKind,
  clusterCount: number,
  fatBytes: number,
  warnings: string[],
): number {
  const bitsPerEntry = kind === 'fat12' ? 12 : kind === 'fat16' ? 16 : 32
  const entries = Math.floor((fatBytes * 8) / bitsPerEntry)
  let last = Math.min(clusterCount, kind === 'fat32' ? FAT32_MAX_CLUSTERS : clusterCount) + 1
  if (entries - 1 < last) {
    warnings.push(
      `The FAT has room for ${entries} entries but the volume has ${clusterCount} clusters: clusters past ${entries - 1} are not read.`,
    )
    last = entries - 1
  }
  if (last < 2) {
    throw new AppError(
      'FILESYSTEM_CORRUPT',
      'The FAT boot sector describes a FAT with no room for any cluster.',
    )
  }
  return last
}

function activeFat(sector: Buffer, isFat32Layout: boolean, fatCount: number): number {
  if (!isFat32Layout) return 0
  const flags = sector.readUInt16LE(40)
  // Bit 7 set: mirroring off, bits 0–3 name the one FAT in use.
  const active = flags & 0x80 ? flags & 0x0f : 0
  return active < fatCount ? active : 0
}

/** A space-padded label field, trimmed; null when empty or the "NO NAME" placeholder. */
export function trimLabel(field: Buffer): string | null {
  // Some tools pad with NULs instead of spaces.
  const label = asciiField(Buffer.from(field.map((byte) => (byte === 0 ? 0x20 : byte)))).trimEnd()
  return label === '' || label === 'NO NAME' ? null : label
}

/** Bytes as printable ASCII, anything else shown as `^` (as The Sleuth Kit shows it). */
export function asciiField(field: Buffer): string {
  let out = ''
  for (const byte of field) out += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '^'
  return out
}
