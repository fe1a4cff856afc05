import { crc32 } from 'node:zlib'
import type { ByteSource } from '../evidence/byte-source'
import { utf16Name } from '../filesystems/names'
import { formatGuid, gptTypeName } from './gpt-types'
import type { PartitionRow, TableResult } from './partition-row'
import { slotNumber, u64 } from './partition-row'

/** The fields of a GPT header that locate its partition entry array. */
export interface GptHeader {
  readonly lba: number
  readonly alternateLba: number
  readonly entriesLba: number
  readonly entryCount: number
  readonly entrySize: number
  readonly entriesCrc: number
  readonly diskGuid: string
}

/** A header read: valid, damaged (with why), or absent (no signature). */
export type HeaderRead = { readonly header: GptHeader } | { readonly damage: string } | null

/** The entry array is bounded so a header field cannot make memory grow. */
const MAX_ARRAY_BYTES = 4 * 1024 * 1024
const SIGNATURE = 'EFI PART'

/**
 * Read and check the GPT header at `lba`: signature, size, CRC32, and that it names its own
 * position; the entry array it describes must be of sane shape.
 */
export async function readGptHeader(
  source: ByteSource,
  sectorSize: number,
  lba: number,
): Promise<HeaderRead> {
  if (lba < 1 || (lba + 1) * sectorSize > source.size) return null
  const sector = await source.read(lba * sectorSize, sectorSize)
  if (sector.length < 92 || sector.toString('latin1', 0, 8) !== SIGNATURE) return null
  const size = sector.readUInt32LE(12)
  if (size < 92 || size > sectorSize)
    return { damage: `has an impossible header size (${size} bytes)` }
  const copy = Buffer.from(sector.subarray(0, size))
  copy.writeUInt32LE(0, 16)
  if (crc32(copy) !== sector.readUInt32LE(16)) return { damage: 'fails its CRC32 check' }
  if (u64(sector, 24) !== lba) return { damage: `says it is at LBA ${u64(sector, 24)}, not ${lba}` }
  const entryCount = sector.readUInt32LE(80)
  const entrySize = sector.readUInt32LE(84)
  if (entrySize < 128 || entrySize % 8 !== 0 || entryCount * entrySize > MAX_ARRAY_BYTES) {
    return {
      damage: `describes an impossible entry array (${entryCount} entries of ${entrySize} bytes)`,
    }
  }
  return {
    header: {
      lba,
      alternateLba: u64(sector, 32),
      entriesLba: u64(sector, 72),
      entryCount,
      entrySize,
      entriesCrc: sector.readUInt32LE(88),
      diskGuid: formatGuid(sector.subarray(56, 72)),
    },
  }
}

/** The entry array a header describes, or null when it is not all on the media. */
export async function readEntryArray(
  source: ByteSource,
  sectorSize: number,
  header: GptHeader,
): Promise<Buffer | null> {
  const length = header.entryCount * header.entrySize
  const offset = header.entriesLba * sectorSize
  if (!Number.isSafeInteger(offset) || offset + length > source.size) return null
  const array = await source.read(offset, length)
  return array.length === length ? array : null
}

/** Whether an entry array matches the CRC32 its header records. */
export function arrayHolds(array: Buffer | null, header: GptHeader): array is Buffer {
  return array !== null && crc32(array) === header.entriesCrc
}

/** The partitions of a GPT entry array: every entry with a non-zero type GUID. */
export function gptRows(array: Buffer, header: GptHeader, warnings: string[]): PartitionRow[] {
  const rows: PartitionRow[] = []
  for (let index = 0; index < header.entryCount; index += 1) {
    const entry = array.subarray(index * header.entrySize, index * header.entrySize + 128)
    if (entry.length < 128 || entry.subarray(0, 16).every((byte) => byte === 0)) continue
    const first = u64(entry, 32)
    const last = u64(entry, 40)
    const slot = slotNumber(index)
    if (last < first || !Number.isSafeInteger(last)) {
      warnings.push(
        `GPT entry ${slot} ends (LBA ${last}) before it starts (LBA ${first}); skipped.`,
      )
      continue
    }
    const typeGuid = formatGuid(entry.subarray(0, 16))
    rows.push({
      slot,
      startSector: first,
      sectors: last - first + 1,
      type: gptTypeName(typeGuid),
      mbrType: null,
      name: utf16Name(entry.subarray(56, 128)),
      typeGuid,
      guid: formatGuid(entry.subarray(16, 32)),
    })
  }
  return rows
}

/**
 * The GPT of a disk whose header at `header` is valid: its entry array (the backup's array when
 * the primary one fails its CRC), a warning when the other copy of the header is damaged.
 */
export async function gptTable(
  source: ByteSource,
  sectorSize: number,
  header: GptHeader,
  warnings: string[],
): Promise<TableResult> {
  const other = await readGptHeader(source, sectorSize, header.alternateLba)
  const which = header.lba === 1 ? 'backup' : 'primary'
  // Reading the backup means the primary is already reported damaged.
  if (header.lba === 1 && (other === null || 'damage' in other)) {
    warnings.push(
      `The ${which} GPT header (LBA ${header.alternateLba}) ${other === null ? 'is missing' : other.damage}.`,
    )
  }
  let array = await readEntryArray(source, sectorSize, header)
  if (array === null) {
    warnings.push(
      `The GPT partition entry array at LBA ${header.entriesLba} lies past the end of the media.`,
    )
  } else if (!arrayHolds(array, header)) {
    const otherArray =
      other !== null && 'header' in other
        ? await readEntryArray(source, sectorSize, other.header)
        : null
    if (other !== null && 'header' in other && arrayHolds(otherArray, other.header)) {
      warnings.push(
        `The GPT partition entry array at LBA ${header.entriesLba} fails its CRC32 check; the ${which} copy was used.`,
      )
      array = otherArray
    } else {
      warnings.push(
        `The GPT partition entry array at LBA ${header.entriesLba} fails its CRC32 check (no valid copy); it was read anyway.`,
      )
    }
  }
  const rows = array === null ? [] : gptRows(array, header, warnings)
  return { scheme: 'gpt', sectorSize, rows, warnings, diskId: header.diskGuid }
}
