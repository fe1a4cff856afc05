import type { ByteSource } from '../evidence/byte-source'
import { AppError } from '../model/errors'
import { gptTable, readGptHeader } from './gpt'
import { buildLayout, wholeMedia } from './layout'
import { isMbr, mbrEntries, readMbr } from './mbr'
import type { TableResult } from './partition-row'
import type { VolumeLayout } from './volume-system'

const SECTOR_SIZES = [512, 4096] as const

/**
 * The volume layout of a source (a disk image's media): a GPT (512- or 4096-byte sectors; the
 * backup header when the primary is damaged), else an MBR with its extended partitions, else
 * the whole media as one volume (a file system straight on the media, or unknown data).
 * Partitions past the end of the media are clipped or skipped with a warning; the parts no
 * volume covers are listed as `unpartitioned`.
 *
 * @throws AppError `EVIDENCE_FORMAT` for empty media; evidence errors when it cannot be read.
 */
export async function readVolumes(source: ByteSource): Promise<VolumeLayout> {
  if (source.size === 0) {
    throw new AppError(
      'EVIDENCE_FORMAT',
      'The image is empty (0 bytes): there is no volume to read.',
    )
  }
  const sector = await source.read(0, 512)
  const protective =
    sector.length === 512 &&
    sector.readUInt16LE(510) === 0xaa55 &&
    mbrEntries(sector).some((entry) => entry.type === 0xee && entry.sectors > 0)
  const gpt = await findGpt(source, protective)
  if (gpt !== null) return buildLayout(source, gpt)
  const warnings = protective
    ? [
        'The disk has a protective MBR (type 0xEE) but neither GPT header is valid: only the MBR was read.',
      ]
    : []
  if (isMbr(sector, source.size))
    return buildLayout(source, await readMbr(source, sector), warnings)
  return wholeMedia(source, sector, warnings)
}

/**
 * The GPT at LBA 1 with either sector size; failing that — when a protective MBR or a damaged
 * primary header says there should be one — the backup header in the last sector.
 */
async function findGpt(source: ByteSource, protective: boolean): Promise<TableResult | null> {
  let damage: string | null = null
  for (const sectorSize of SECTOR_SIZES) {
    const read = await readGptHeader(source, sectorSize, 1)
    if (read === null) continue
    if ('header' in read) {
      const warnings = protective ? [] : ['The disk has a GPT but no protective MBR.']
      return gptTable(source, sectorSize, read.header, warnings)
    }
    damage ??= read.damage
  }
  if (!protective && damage === null) return null
  for (const sectorSize of SECTOR_SIZES) {
    const last = Math.floor(source.size / sectorSize) - 1
    const read = await readGptHeader(source, sectorSize, last)
    if (read !== null && 'header' in read) {
      const why = damage ?? 'is missing'
      const warnings = [`The primary GPT header ${why}; the backup header at LBA ${last} was used.`]
      return gptTable(source, sectorSize, read.header, warnings)
    }
  }
  return null
}
