import { sliceSource } from '../evidence/byte-source'
import type { ByteRange, ByteSource } from '../evidence/byte-source'
import { sniffBootSector } from '../filesystems/boot-sniff'
import type { PartitionRow, TableResult } from './partition-row'
import type { Volume, VolumeLayout } from './volume-system'

/**
 * Volumes from a table's rows, in start order (as `mmls` lists them): each clipped to the
 * media with a warning, or skipped when it starts past the end; overlaps reported; the parts
 * of the media no volume covers listed as unpartitioned.
 */
export function buildLayout(
  source: ByteSource,
  table: TableResult,
  extra: readonly string[] = [],
): VolumeLayout {
  const warnings = [...extra, ...table.warnings]
  const rows = [...table.rows].sort(
    (a, b) => a.startSector - b.startSector || a.slot.localeCompare(b.slot),
  )
  const volumes: Volume[] = []
  for (const row of rows) {
    const volume = toVolume(source, table, row, volumes.length, warnings)
    if (volume === null) continue
    const previous = volumes[volumes.length - 1]
    if (previous !== undefined && previous.start + previous.length > volume.start) {
      warnings.push(`Partitions ${previous.slot} and ${volume.slot} overlap.`)
    }
    volumes.push(volume)
  }
  return {
    scheme: table.scheme,
    sectorSize: table.sectorSize,
    volumes,
    unpartitioned: gaps(volumes, source.size),
    warnings,
    diskId: table.diskId,
  }
}

function toVolume(
  source: ByteSource,
  table: TableResult,
  row: PartitionRow,
  index: number,
  warnings: string[],
): Volume | null {
  const start = row.startSector * table.sectorSize
  let length = row.sectors * table.sectorSize
  const label = `Partition ${row.slot} (${row.name ?? row.type})`
  if (!Number.isSafeInteger(start) || start >= source.size) {
    warnings.push(
      `${label} starts at sector ${row.startSector}, past the end of the media (${Math.floor(source.size / table.sectorSize)} sectors); it is not read.`,
    )
    return null
  }
  if (start + length > source.size) {
    warnings.push(
      `${label} ends past the end of the media; it is clipped to ${source.size - start} bytes.`,
    )
    length = source.size - start
  }
  return {
    index,
    slot: row.slot,
    scheme: table.scheme,
    start,
    length,
    type: row.type,
    mbrType: row.mbrType,
    name: row.name,
    typeGuid: row.typeGuid,
    guid: row.guid,
    source: sliceSource(source, start, length),
  }
}

/** The media as one volume: no partition table was found. */
export function wholeMedia(
  source: ByteSource,
  sector: Buffer,
  warnings: readonly string[],
): VolumeLayout {
  const volume: Volume = {
    index: 0,
    slot: '',
    scheme: 'none',
    start: 0,
    length: source.size,
    type: 'Whole media (no partition table)',
    mbrType: null,
    name: null,
    typeGuid: null,
    guid: null,
    source: sliceSource(source, 0, source.size),
  }
  return {
    scheme: 'none',
    sectorSize: bootSectorSize(sector),
    volumes: [volume],
    unpartitioned: [],
    warnings,
    diskId: null,
  }
}

/** The sector size a file system at offset 0 states (FAT BPB, exFAT shift); 512 otherwise. */
function bootSectorSize(sector: Buffer): number {
  const kind = sniffBootSector(sector)
  if (kind === null) return 512
  const stated = sector.readUInt16LE(11)
  if ((kind === 'fat' || kind === 'ntfs') && [512, 1024, 2048, 4096].includes(stated)) return stated
  if (kind === 'exfat') return 2 ** Math.min(12, Math.max(9, sector[108] ?? 9))
  return 512
}

/** The parts of `[0, size)` that no volume covers. */
function gaps(volumes: readonly Volume[], size: number): ByteRange[] {
  const ranges: ByteRange[] = []
  let cursor = 0
  for (const volume of [...volumes].sort((a, b) => a.start - b.start)) {
    if (volume.start > cursor) ranges.push({ offset: cursor, length: volume.start - cursor })
    cursor = Math.max(cursor, volume.start + volume.length)
  }
  if (cursor < size) ranges.push({ offset: cursor, length: size - cursor })
  return ranges
}
