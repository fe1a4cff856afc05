import type { ByteSource } from '../evidence/byte-source'
import { sniffBootSector } from '../filesystems/boot-sniff'
import { isExtendedType, mbrTypeName } from './mbr-types'
import type { PartitionRow, TableResult } from './partition-row'
import { slotNumber } from './partition-row'

/** One of the four 16-byte entries of an MBR or EBR. */
export interface MbrEntry {
  readonly index: number
  readonly bootFlag: number
  readonly type: number
  readonly start: number
  readonly sectors: number
}

/** Extended boot records followed at most (a chain longer than this is corruption). */
const MAX_EBRS = 256

/** The four partition entries of a sector ending in 0x55AA. */
export function mbrEntries(sector: Buffer): MbrEntry[] {
  const entries: MbrEntry[] = []
  for (let index = 0; index < 4; index += 1) {
    const at = 446 + index * 16
    entries.push({
      index,
      bootFlag: sector[at] ?? 0,
      type: sector[at + 4] ?? 0,
      start: sector.readUInt32LE(at + 8),
      sectors: sector.readUInt32LE(at + 12),
    })
  }
  return entries
}

/**
 * True when sector 0 holds a partition table: the 0x55AA signature, no file system boot
 * sector (FAT, exFAT and NTFS boot sectors carry the same signature — TSK rules them out by
 * their OEM name, Outpost by a valid boot sector), boot flags 0x00/0x80 only, and at least
 * one entry whose start lies on the media.
 */
export function isMbr(sector: Buffer, mediaSize: number): boolean {
  if (
    sector.length < 512 ||
    sector.readUInt16LE(510) !== 0xaa55 ||
    sniffBootSector(sector) !== null
  )
    return false
  const entries = mbrEntries(sector)
  if (entries.some((entry) => entry.bootFlag !== 0 && entry.bootFlag !== 0x80)) return false
  const used = entries.filter((entry) => entry.sectors > 0)
  return (
    used.length > 0 &&
    used.every((entry) => entry.start > 0) &&
    used.some((entry) => entry.start * 512 < mediaSize)
  )
}

/**
 * The partitions of an MBR disk: the primary entries and, inside each extended partition, the
 * chain of extended boot records (followed loop-proof and bounded). Slots are named as TSK
 * names them: `000:NNN` for primary entries, `TTT:NNN` for entry NNN of the TTT-th EBR.
 */
export async function readMbr(source: ByteSource, sector: Buffer): Promise<TableResult> {
  const entries = mbrEntries(sector)
  const sectorSize = await guessSectorSize(source, entries)
  const warnings: string[] = []
  const rows: PartitionRow[] = []
  for (const entry of entries) {
    if (entry.sectors === 0) continue
    if (isExtendedType(entry.type)) {
      rows.push(...(await readExtended(source, sectorSize, entry.start, warnings)))
    } else {
      rows.push(row(0, entry, entry.start))
    }
  }
  const diskId = `0x${sector.readUInt32LE(440).toString(16).padStart(8, '0')}`
  return { scheme: 'mbr', sectorSize, rows, warnings, diskId }
}

function row(table: number, entry: MbrEntry, startSector: number): PartitionRow {
  return {
    slot: `${slotNumber(table)}:${slotNumber(entry.index)}`,
    startSector,
    sectors: entry.sectors,
    type: mbrTypeName(entry.type),
    mbrType: entry.type,
    name: null,
    typeGuid: null,
    guid: null,
  }
}

/** An EBR to read: its sector and its depth in the chain (TSK's table number). */
interface EbrLink {
  readonly sector: number
  readonly table: number
}

/**
 * Follow the EBR chain of an extended partition starting at sector `base`: each EBR is read
 * once (a link back to one already read is reported), at most `MAX_EBRS` of them.
 */
async function readExtended(
  source: ByteSource,
  sectorSize: number,
  base: number,
  warnings: string[],
): Promise<PartitionRow[]> {
  const rows: PartitionRow[] = []
  const seen = new Set<number>()
  const pending: EbrLink[] = [{ sector: base, table: 1 }]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next.sector)) {
      warnings.push(
        `The extended partition chain loops back to sector ${next.sector}; it is followed once.`,
      )
      continue
    }
    if (seen.size >= MAX_EBRS) {
      warnings.push(
        `The extended partition chain has more than ${MAX_EBRS} tables; the rest is not read.`,
      )
      break
    }
    seen.add(next.sector)
    pending.push(...(await readEbr(source, sectorSize, base, next, rows, warnings)).reverse())
  }
  return rows
}

/**
 * One EBR: its logical partitions (relative to the EBR) go to `rows`; its links to further
 * EBRs (relative to the extended partition's start `base`) are returned.
 */
async function readEbr(
  source: ByteSource,
  sectorSize: number,
  base: number,
  ebr: EbrLink,
  rows: PartitionRow[],
  warnings: string[],
): Promise<EbrLink[]> {
  const sector = await source.read(ebr.sector * sectorSize, 512)
  if (sector.length < 512 || sector.readUInt16LE(510) !== 0xaa55) {
    warnings.push(
      `No extended partition table at sector ${ebr.sector} (missing signature or past the end of the media).`,
    )
    return []
  }
  const links: EbrLink[] = []
  for (const entry of mbrEntries(sector)) {
    // A start of 0 would point the table at itself (TSK skips those too).
    if (entry.sectors === 0 || entry.start === 0) continue
    if (isExtendedType(entry.type)) links.push({ sector: base + entry.start, table: ebr.table + 1 })
    else rows.push(row(ebr.table, entry, ebr.sector + entry.start))
  }
  return links
}

/**
 * MBR sector numbers have no unit: 4096-byte-sector disks (4Kn) count in 4 KiB. The size is
 * 4096 when more partitions start with a recognisable boot sector or ext superblock at
 * 4096-byte sectors than at 512-byte ones; 512 otherwise.
 */
async function guessSectorSize(source: ByteSource, entries: readonly MbrEntry[]): Promise<number> {
  const score = async (sectorSize: number): Promise<number> => {
    let found = 0
    for (const entry of entries) {
      if (entry.sectors === 0 || isExtendedType(entry.type)) continue
      const start = entry.start * sectorSize
      if (start + 2048 > source.size) continue
      const head = await source.read(start, 2048)
      if (
        head.length === 2048 &&
        (sniffBootSector(head) !== null || head.readUInt16LE(1024 + 56) === 0xef53)
      )
        found += 1
    }
    return found
  }
  return (await score(4096)) > (await score(512)) ? 4096 : 512
}
