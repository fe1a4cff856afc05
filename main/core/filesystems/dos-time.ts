/**
 * DOS date and time stamps (FAT, exFAT) as UTC ISO-8601 strings.
 *
 * A DOS date is `(year - 1980) << 9 | month << 5 | day`, a time `hour << 11 | minute << 5 |
 * seconds / 2`; FAT and exFAT add a 10 ms count (0–199) to some of them. The stamp itself has
 * no zone: FAT stores the writer's local time, exFAT adds an optional UTC offset byte.
 */
export function dosTimestamp(
  date: number,
  time: number,
  tenMs = 0,
  offsetMinutes = 0,
): string | null {
  if (date === 0) return null
  const year = 1980 + (date >> 9)
  const month = (date >> 5) & 0x0f
  const day = date & 0x1f
  const hour = time >> 11
  const minute = (time >> 5) & 0x3f
  const second = (time & 0x1f) * 2
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (hour > 23 || minute > 59 || second > 59) return null
  // 10 ms counts above 199 are not defined; ignoring them keeps the rest of the stamp.
  const extraMs = tenMs >= 0 && tenMs <= 199 ? tenMs * 10 : 0
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + extraMs - offsetMinutes * 60_000
  return isoUtc(ms)
}

/**
 * An exFAT UTC-offset byte as minutes east of UTC, or null when its "valid" bit (0x80) is
 * clear (the stamp is then local time of an unknown zone).
 */
export function exfatOffsetMinutes(byte: number): number | null {
  if ((byte & 0x80) === 0) return null
  // Bits 0–6 are a signed count of 15-minute steps.
  const steps = byte & 0x40 ? (byte & 0x7f) - 0x80 : byte & 0x7f
  return steps * 15
}

/** Milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS[.mmm]Z` (fraction only when non-zero). */
export function isoUtc(ms: number): string {
  const iso = new Date(ms).toISOString()
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
