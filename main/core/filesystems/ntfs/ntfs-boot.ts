import { AppError } from '../../model/errors'
import { u64 } from './ntfs-bytes'

/** The geometry an NTFS boot sector gives. */
export interface NtfsBoot {
  readonly sectorSize: number
  readonly clusterSize: number
  /** Sectors of the volume (the backup boot sector lies in the sector after them). */
  readonly totalSectors: number
  /** Clusters 0 … clusterCount − 1 (TSK's "Total Cluster Range"). */
  readonly clusterCount: number
  readonly mftCluster: number
  readonly mftMirrorCluster: number
  /** Bytes of one MFT record (FILE record). */
  readonly recordSize: number
  /** Bytes of one index record (INDX). */
  readonly indexRecordSize: number
  /** The 64-bit volume serial number as 16 upper-case hex digits (as fsstat shows it). */
  readonly serial: string
  readonly oemName: string
}

/** NTFS clusters are at most 2 MiB (Windows 10 1709+); records and index records at most 64 KiB. */
const MAX_CLUSTER = 2 * 1024 * 1024
const MIN_RECORD = 256
const MAX_RECORD = 65_536

/**
 * The NTFS boot sector `sector` (its OEM name is `NTFS    `), every field checked.
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when a field cannot describe an NTFS volume.
 */
export function readNtfsBoot(sector: Buffer): NtfsBoot {
  const corrupt = (what: string): AppError =>
    new AppError('FILESYSTEM_CORRUPT', `The NTFS boot sector is not valid: ${what}.`)
  if (sector.length < 512 || sector.toString('latin1', 3, 11) !== 'NTFS    ')
    throw corrupt('no NTFS signature')
  const sectorSize = sector.readUInt16LE(11)
  if (![512, 1024, 2048, 4096].includes(sectorSize))
    throw corrupt(`sector size ${sectorSize} is not 512, 1024, 2048 or 4096`)
  const clusterSize = sectorSize * sectorsPerCluster(sector[13] ?? 0)
  if (clusterSize === 0 || clusterSize > MAX_CLUSTER)
    throw corrupt(`cluster size byte 0x${(sector[13] ?? 0).toString(16)} is not possible`)
  const totalSectors = u64(sector, 0x28)
  const clusterCount = Math.floor(totalSectors / (clusterSize / sectorSize))
  if (clusterCount < 1) throw corrupt('the volume has no clusters')
  const mftCluster = u64(sector, 0x30)
  const mftMirrorCluster = u64(sector, 0x38)
  if (mftCluster >= clusterCount) throw corrupt(`the MFT cluster ${mftCluster} is past the volume`)
  const recordSize = unitSize(sector.readInt8(0x40), clusterSize)
  const indexRecordSize = unitSize(sector.readInt8(0x44), clusterSize)
  if (recordSize === null) throw corrupt('the MFT record size is not a power of two of 256–65536')
  if (indexRecordSize === null)
    throw corrupt('the index record size is not a power of two of 256–65536')
  return {
    sectorSize,
    clusterSize,
    totalSectors,
    clusterCount,
    mftCluster,
    mftMirrorCluster,
    recordSize,
    indexRecordSize,
    serial: sector.readBigUInt64LE(0x48).toString(16).toUpperCase().padStart(16, '0'),
    oemName: sector.toString('latin1', 3, 11),
  }
}

/** Sectors per cluster: a power of two up to 128, or (values above 0x80) 2^(256 − value). */
function sectorsPerCluster(value: number): number {
  if (value > 0x80) return 2 ** (256 - value)
  return value > 0 && (value & (value - 1)) === 0 ? value : 0
}

/**
 * An MFT or index record size: positive values count clusters, negative ones are 2^−value
 * bytes. Null unless a power of two of 256–65536 bytes.
 */
function unitSize(value: number, clusterSize: number): number | null {
  const size = value > 0 ? value * clusterSize : value < 0 && value > -31 ? 2 ** -value : 0
  const powerOfTwo = size > 0 && (size & (size - 1)) === 0
  return powerOfTwo && size >= MIN_RECORD && size <= MAX_RECORD ? size : null
}
