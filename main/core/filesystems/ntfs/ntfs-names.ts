import type { EntryTimes } from '../file-system'
import { utf16Name } from '../names'
import { utcSecondsText } from '../utc-text'

/** $FILE_NAME namespaces: POSIX, Win32, DOS (8.3 only), Win32 and DOS in one. */
export const NAMESPACE_DOS = 2

/** What a $FILE_NAME (in an MFT record or an index entry) says. */
export interface FileName {
  readonly parent: number
  readonly parentSequence: number
  readonly name: string
  readonly namespace: number
  readonly times: EntryTimes
  /** Windows file attribute flags of the name (0x10000000: a directory). */
  readonly flags: number
}

/** Seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01. */
const UNIX_EPOCH_SECONDS = 11_644_473_600
/** Below this high word, `high × 4_967_296 + low` is exact in a double (years up to ~60000). */
const FAST_HIGH_LIMIT = 2 ** 30

/**
 * An NTFS FILETIME as UTC ISO-8601 with its full 100-ns precision (trailing zeros of the
 * fraction dropped: `…:09Z`, `…:09.1234567Z`); null for 0 (never set).
 */
export function filetime(bytes: Buffer, at: number): string | null {
  if (at + 8 > bytes.length) return null
  const low = bytes.readUInt32LE(at)
  const high = bytes.readUInt32LE(at + 4)
  if (low === 0 && high === 0) return null
  let seconds: number
  let fraction: number
  if (high < FAST_HIGH_LIMIT) {
    // 2^32 = 429 × 10^7 + 4_967_296: split so every product stays an exact double (no BigInt,
    // which costs more than the rest of an entry).
    const rest = high * 4_967_296 + low
    seconds = high * 429 + Math.floor(rest / 10_000_000) - UNIX_EPOCH_SECONDS
    fraction = rest % 10_000_000
  } else {
    const ticks = (BigInt(high) << 32n) | BigInt(low)
    seconds = Number(ticks / 10_000_000n) - UNIX_EPOCH_SECONDS
    fraction = Number(ticks % 10_000_000n)
  }
  const whole = utcSecondsText(seconds)
  if (whole === null) return null
  if (fraction === 0) return `${whole}Z`
  return `${whole}.${String(fraction).padStart(7, '0').replace(/0+$/, '')}Z`
}

/** The four NTFS times in `bytes` from `at`: created, modified, MFT changed, accessed. */
export function ntfsTimes(bytes: Buffer, at: number): EntryTimes {
  return {
    born: filetime(bytes, at),
    modified: filetime(bytes, at + 8),
    changed: filetime(bytes, at + 16),
    accessed: filetime(bytes, at + 24),
  }
}

/** A $FILE_NAME value, or null when it is too short for its name. */
export function parseFileName(value: Buffer): FileName | null {
  if (value.length < 66) return null
  const length = value[64] ?? 0
  if (66 + 2 * length > value.length) return null
  return {
    parent: value.readUIntLE(0, 6),
    parentSequence: value.readUInt16LE(6),
    name: utf16Name(value.subarray(66, 66 + 2 * length)),
    namespace: value[65] ?? 0,
    times: ntfsTimes(value, 8),
    flags: value.readUInt32LE(56),
  }
}

/** What $STANDARD_INFORMATION says. */
export interface StandardInformation {
  readonly times: EntryTimes
  /** Windows file attribute flags (0x4000: encrypted, 0x800: compressed…). */
  readonly flags: number
  /** Key into $Secure (NTFS 3.0+), null in the older 48-byte form. */
  readonly securityId: number | null
}

export function parseStandardInformation(value: Buffer): StandardInformation | null {
  if (value.length < 48) return null
  return {
    times: ntfsTimes(value, 0),
    flags: value.readUInt32LE(32),
    securityId: value.length >= 56 ? value.readUInt32LE(52) : null,
  }
}

/** Windows file attribute flags worth showing, by name. */
const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x0001, 'read-only'],
  [0x0002, 'hidden'],
  [0x0004, 'system'],
  [0x0020, 'archive'],
  [0x0200, 'sparse'],
  [0x0400, 'reparse-point'],
  [0x0800, 'compressed'],
  [0x4000, 'encrypted'],
]

export function flagNames(flags: number): string[] {
  return FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name)
}
