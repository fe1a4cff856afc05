import type { VolumeScheme } from './volume-system'

/** One partition as a table lists it, in sectors, before it becomes a `Volume`. */
export interface PartitionRow {
  /** TSK's slot name: MBR `table:entry` (`000:001`, `001:000`…), GPT the entry number (`000`…). */
  readonly slot: string
  readonly startSector: number
  readonly sectors: number
  readonly type: string
  readonly mbrType: number | null
  readonly name: string | null
  readonly typeGuid: string | null
  readonly guid: string | null
}

/** What a partition table gave. */
export interface TableResult {
  readonly scheme: Exclude<VolumeScheme, 'none'>
  readonly sectorSize: number
  readonly rows: readonly PartitionRow[]
  readonly warnings: readonly string[]
  readonly diskId: string | null
}

/** A little-endian 64-bit field as a number; values past 2^53 become `Infinity` (never valid). */
export function u64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset)
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value)
}

/** A 3-digit slot number, as TSK prints it. */
export function slotNumber(value: number): string {
  return String(value).padStart(3, '0')
}
