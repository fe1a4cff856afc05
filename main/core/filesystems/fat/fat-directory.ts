import type { ByteSource } from '../../evidence/byte-source'
import { readSlots } from '../dir-slots'
import type { DirRegion } from '../dir-slots'
import type { FatBoot } from './fat-boot'
import { ATTR, isLfnEntry, isPlausibleEntry } from './fat-dirent'
import { DELETED, LfnCollector, shortName } from './fat-names'

/** One named entry of a FAT directory (long-name entries already folded into it). */
export interface FatDirItem {
  /** The slot number The Sleuth Kit gives the 8.3 entry (see `fatSlotId`). */
  readonly id: number
  /** The long name when one belongs to the entry, else the 8.3 name. */
  readonly name: string
  readonly shortName: string
  /** The 32-byte 8.3 entry. */
  readonly raw: Buffer
  readonly deleted: boolean
  readonly label: boolean
  readonly directory: boolean
  /** Long-name entries before it were dropped because they did not belong to it. */
  readonly orphanedLfn: boolean
}

/** An entry, or something in the directory that could not be read. */
export type DirEvent = { readonly item: FatDirItem } | { readonly problem: string }

/** A FAT directory holds at most 65,536 entries (2 MiB); more is corruption. */
export const MAX_FAT_DIR_BYTES = 65_536 * 32

/**
 * The number TSK gives a directory-entry slot: 3 for the first slot of the first data sector
 * (the FAT12/16 root directory, or cluster 2 on FAT32), counting 32-byte slots from there.
 */
export function fatSlotId(boot: FatBoot, offset: number): number {
  const base = (boot.kind === 'fat32' ? boot.firstDataSector : boot.rootSector) * boot.sectorSize
  return 3 + Math.floor((offset - base) / 32)
}

/**
 * The entries of a directory whose content is `regions`, in on-disk order, without `.`/`..`.
 * Like TSK it reads past the end-of-directory mark (stale entries there are still evidence)
 * but reports invalid entries only before it.
 */
export async function* readFatDirectory(
  source: ByteSource,
  boot: FatBoot,
  regions: readonly DirRegion[],
): AsyncGenerator<DirEvent> {
  const lfn = new LfnCollector()
  let ended = false
  for await (const slot of readSlots(source, regions, MAX_FAT_DIR_BYTES)) {
    if ('problem' in slot) {
      yield slot
      continue
    }
    const { raw, offset, allocated } = slot
    if (raw[0] === 0) {
      ended = true
      lfn.reset()
      continue
    }
    if (!isPlausibleEntry(raw, boot, !allocated)) {
      if (allocated && !ended)
        yield { problem: `Directory entry at byte ${offset} is not valid; skipped.` }
      lfn.reset()
      continue
    }
    if (isLfnEntry(raw)) {
      lfn.add(raw)
      continue
    }
    const item = toItem(raw, offset, allocated, lfn, boot)
    if (item !== null) yield { item }
  }
}

function toItem(
  raw: Buffer,
  offset: number,
  allocated: boolean,
  lfn: LfnCollector,
  boot: FatBoot,
): FatDirItem | null {
  const attr = raw[11] ?? 0
  const long = lfn.take(raw)
  const short = shortName(raw)
  if (raw[0] === 0x2e && (short === '.' || short === '..')) return null
  const label = (attr & ATTR.volume) !== 0
  return {
    id: fatSlotId(boot, offset),
    name: label ? labelName(raw) : (long.name ?? short),
    shortName: short,
    raw: Buffer.from(raw),
    deleted: !allocated || raw[0] === DELETED,
    label,
    directory: !label && (attr & ATTR.directory) !== 0,
    orphanedLfn: long.orphaned,
  }
}

/** A label entry named as TSK names it: the 11 raw characters, then " (Volume Label Entry)". */
function labelName(raw: Buffer): string {
  let text = ''
  for (let i = 0; i < 11; i += 1) {
    const byte = raw[i] ?? 0
    text += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '^'
  }
  return `${text} (Volume Label Entry)`
}
