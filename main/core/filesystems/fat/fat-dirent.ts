import type { EntryTimes } from '../file-system'
import { dosTimestamp } from '../dos-time'
import type { FatBoot } from './fat-boot'
import { DELETED, isShortNameChar } from './fat-names'

/** Attribute bits of a FAT directory entry. */
export const ATTR = {
  readOnly: 0x01,
  hidden: 0x02,
  system: 0x04,
  volume: 0x08,
  directory: 0x10,
  archive: 0x20,
  longName: 0x0f,
} as const

/** True for a long-name entry (the four low attribute bits all set). */
export function isLfnEntry(raw: Buffer): boolean {
  return ((raw[11] ?? 0) & 0x3f) === ATTR.longName
}

/** First cluster: the high word only exists on FAT32; TSK masks the value to the FAT width. */
export function firstCluster(raw: Buffer, boot: FatBoot): number {
  const low = raw.readUInt16LE(26)
  if (boot.kind !== 'fat32') return low & (boot.kind === 'fat12' ? 0xfff : 0xffff)
  return ((raw.readUInt16LE(20) << 16) | low) & 0x0fffffff
}

/**
 * Creation (with its 10 ms count), write, and access (a date only) times. FAT has no change
 * time, and no zone: the stamps are the writer's local time, read here as UTC.
 */
export function fatTimes(raw: Buffer): EntryTimes {
  return {
    modified: dosTimestamp(raw.readUInt16LE(24), raw.readUInt16LE(22)),
    accessed: dosTimestamp(raw.readUInt16LE(18), 0),
    changed: null,
    born: dosTimestamp(raw.readUInt16LE(16), raw.readUInt16LE(14), raw[13] ?? 0),
  }
}

/**
 * Whether 32 bytes look like a directory entry, with The Sleuth Kit's tests: in a directory
 * cluster in use only the essentials (cluster and size in range, a legal 8.3 name, not all
 * zero); in free space (a deleted directory) also the attribute, case flags and time fields,
 * since random data must not be listed as files.
 */
export function isPlausibleEntry(raw: Buffer, boot: FatBoot, inDepth: boolean): boolean {
  const attr = raw[11] ?? 0
  if ((attr & 0x3f) === ATTR.longName) {
    // Ordinals 1-20 (255 characters), 0x40 on the last one. TSK stops at 15 (0x4F) and so
    // loses the end of names over 195 characters; Outpost reads them whole.
    const seq = raw[0] ?? 0
    const ordinal = seq & 0x1f
    return seq === DELETED || ((seq & 0xa0) === 0 && ordinal >= 1 && ordinal <= 20)
  }
  if (inDepth && !passesDeepTests(raw, attr)) return false
  const unmasked =
    boot.kind === 'fat32'
      ? (raw.readUInt16LE(20) << 16) | raw.readUInt16LE(26)
      : raw.readUInt16LE(26)
  const size = raw.readUInt32LE(28)
  const eof = boot.kind === 'fat12' ? 0xff8 : boot.kind === 'fat16' ? 0xfff8 : 0x0ffffff8
  if (unmasked > boot.lastCluster && unmasked < eof) return false
  if (size > boot.clusterCount * boot.clusterSize) return false
  if (size > 0 && unmasked === 0) return false
  if (!isShortName(raw, attr)) return false
  return !isBlank(raw, unmasked, size)
}

function passesDeepTests(raw: Buffer, attr: number): boolean {
  if ((raw[12] ?? 0) & ~0x18 || attr & ~0x3f) return false
  if (attr & ATTR.volume && attr & (ATTR.directory | ATTR.readOnly | ATTR.archive)) return false
  if ((raw[13] ?? 0) > 199) return false
  const stamps: readonly [number, number][] = [
    [raw.readUInt16LE(16), raw.readUInt16LE(14)],
    [raw.readUInt16LE(18), 0],
    [raw.readUInt16LE(24), raw.readUInt16LE(22)],
  ]
  // Times and dates are optional (0); present ones must be possible.
  return stamps.every(
    ([date, time]) => isTime(time) && (date === 0 || dosTimestamp(date, time) !== null),
  )
}

function isTime(time: number): boolean {
  return time === 0 || (time >> 11 <= 23 && ((time >> 5) & 0x3f) <= 59 && (time & 0x1f) <= 29)
}

/** A legal 8.3 name: legal characters, no blank start, no blank inside (labels excepted). */
function isShortName(raw: Buffer, attr: number): boolean {
  const first = raw[0] ?? 0
  if (first === 0x20) return false
  if (first !== 0x05 && first !== DELETED && first !== 0x2e && !isShortNameChar(first)) return false
  for (let i = 1; i < 11; i += 1) {
    const byte = raw[i] ?? 0
    const dotAllowed = i < 8 && first === 0x2e && byte === 0x2e
    if (byte !== 0x20 && !dotAllowed && !isShortNameChar(byte)) return false
  }
  if (attr & ATTR.volume) return true
  // Windows pads with blanks at the end only: a blank followed by a character is not a name.
  const base = raw.toString('latin1', 0, 8)
  const ext = raw.toString('latin1', 8, 11)
  return !/ [^ ]/.test(base) && !/ [^ ]/.test(ext)
}

function isBlank(raw: Buffer, cluster: number, size: number): boolean {
  const fields = [14, 16, 18, 22, 24].map((at) => raw.readUInt16LE(at))
  return cluster === 0 && size === 0 && fields.every((value) => value === 0)
}
