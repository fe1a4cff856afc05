import { utf16Name } from '../names'

/** First byte of a deleted directory entry. */
export const DELETED = 0xe5
/** NT case flags (byte 12): base name / extension stored upper case, shown lower case. */
const LOWER_BASE = 0x08
const LOWER_EXT = 0x10
/** A long name has at most 20 entries of 13 characters (255 characters). */
const MAX_LFN_ENTRIES = 20

/**
 * The 8.3 name of a directory entry as The Sleuth Kit shows it: blanks dropped, a `.` before a
 * non-empty extension, the NT lower-case flags applied, a deleted entry's lost first character
 * shown as `_`, and anything outside printable ASCII as `^`.
 */
export function shortName(raw: Buffer): string {
  const flags = raw[12] ?? 0
  let base = ''
  for (let i = 0; i < 8; i += 1) {
    const byte = raw[i] ?? 0
    if (byte === 0 || byte === 0xff || byte === 0x20) continue
    base += i === 0 && byte === DELETED ? '_' : shortChar(byte, (flags & LOWER_BASE) !== 0)
  }
  let ext = ''
  for (let i = 8; i < 11; i += 1) {
    const byte = raw[i] ?? 0
    if (byte === 0 || byte === 0xff || byte === 0x20) continue
    ext += shortChar(byte, (flags & LOWER_EXT) !== 0)
  }
  return ext === '' ? base : `${base}.${ext}`
}

function shortChar(byte: number, lower: boolean): string {
  if (byte < 0x20 || byte > 0x7e) return '^'
  return lower && byte >= 0x41 && byte <= 0x5a
    ? String.fromCharCode(byte + 0x20)
    : String.fromCharCode(byte)
}

/** The checksum of an 11-byte 8.3 name that each of its long-name entries carries. */
export function shortNameChecksum(name: Buffer, firstByte = name[0] ?? 0): number {
  let sum = 0
  for (let i = 0; i < 11; i += 1) {
    const byte = i === 0 ? firstByte : (name[i] ?? 0)
    sum = (((sum & 1) << 7) + (sum >> 1) + byte) & 0xff
  }
  return sum
}

/**
 * True when a character may appear in an 8.3 name (per the FAT specification; bytes above
 * 0x7F are OEM code-page characters and allowed).
 */
export function isShortNameChar(byte: number): boolean {
  return byte > 0x20 && !'"*+,./:;<=>?[\\]|'.includes(String.fromCharCode(byte)) && byte !== 0x7f
}

/** The long name gathered for one 8.3 entry, and whether a long name was dropped. */
export interface LongName {
  readonly name: string | null
  /** Long-name entries preceded the 8.3 entry but did not belong to it (orphans). */
  readonly orphaned: boolean
}

/**
 * Gathers the long-name (LFN) entries that precede an 8.3 entry and checks that they belong
 * to it: consecutive sequence numbers ending at 1, and the checksum of its 8.3 name. A deleted
 * entry has lost both its first name byte and its LFN sequence numbers, so its LFN entries are
 * taken in order and the checksum must be met by some legal first character. Entries that do
 * not fit are orphans: dropped, and reported on the next 8.3 entry.
 */
export class LfnCollector {
  private parts: Buffer[] = []
  private checksum = -1
  private nextOrdinal = 0
  private deletedSet = false
  private orphaned = false

  /** Add one LFN entry (attribute 0x0F). */
  add(raw: Buffer): void {
    const seq = raw[0] ?? 0
    const checksum = raw[13] ?? 0
    if (seq === DELETED) {
      if (!this.deletedSet || checksum !== this.checksum) this.start(checksum, true, 0)
    } else if (seq & 0x40) {
      this.start(checksum, false, seq & 0x1f)
    } else if (this.deletedSet || checksum !== this.checksum || (seq & 0x1f) !== this.nextOrdinal) {
      this.drop()
      return
    }
    if (this.parts.length >= MAX_LFN_ENTRIES || (!this.deletedSet && this.nextOrdinal < 1)) {
      this.drop()
      return
    }
    this.parts.push(lfnUnits(raw))
    this.nextOrdinal -= 1
  }

  /** The long name of the 8.3 entry `raw` (null when it has none) and resets for the next. */
  take(raw: Buffer): LongName {
    const deleted = raw[0] === DELETED
    const complete = this.parts.length > 0 && (this.deletedSet || this.nextOrdinal === 0)
    const matches =
      complete &&
      (deleted ? this.deletedChecksumFits(raw) : shortNameChecksum(raw) === this.checksum)
    const result: LongName = {
      name: matches ? utf16Name(Buffer.concat([...this.parts].reverse())) || null : null,
      orphaned: this.orphaned || (this.parts.length > 0 && !matches),
    }
    this.reset()
    return result
  }

  /** Forget everything gathered (at a directory boundary or an invalid entry). */
  reset(): void {
    this.parts = []
    this.checksum = -1
    this.nextOrdinal = 0
    this.deletedSet = false
    this.orphaned = false
  }

  private deletedChecksumFits(raw: Buffer): boolean {
    // Exactly one first byte gives any checksum; it must be a character an 8.3 name can start with.
    for (let byte = 0; byte < 256; byte += 1) {
      if (shortNameChecksum(raw, byte) === this.checksum)
        return isShortNameChar(byte) && byte !== DELETED
    }
    return false
  }

  private start(checksum: number, deleted: boolean, ordinal: number): void {
    if (this.parts.length > 0) this.orphaned = true
    this.parts = []
    this.checksum = checksum
    this.deletedSet = deleted
    this.nextOrdinal = ordinal
  }

  private drop(): void {
    this.parts = []
    this.checksum = -1
    this.nextOrdinal = 0
    this.deletedSet = false
    this.orphaned = true
  }
}

/** The 13 UTF-16 code units of an LFN entry (bytes 1–10, 14–25, 28–31). */
function lfnUnits(raw: Buffer): Buffer {
  return Buffer.concat([raw.subarray(1, 11), raw.subarray(14, 26), raw.subarray(28, 32)])
}
