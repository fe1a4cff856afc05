/**
 * UTC date-time text without going through `Date`: file-system walks format four to eight
 * times per entry, and `new Date(ms).toISOString()` plus slicing cost more than the rest of an
 * NTFS or ext entry. Gives exactly what `toISOString().slice(0, 19)` gives for years 0–9999.
 */

const SECONDS_PER_DAY = 86_400
/** 1970-01-01 is day 719,468 of the proleptic Gregorian calendar counted from 0000-03-01. */
const DAYS_FROM_0000_03_01 = 719_468
/** First and last second `toISOString` writes with a 4-digit year. */
const FIRST = -62_167_219_200 // 0000-01-01T00:00:00Z
const LAST = 253_402_300_799 // 9999-12-31T23:59:59Z

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'))

let cachedDay = Number.NaN
let cachedDate = ''

/**
 * `YYYY-MM-DDTHH:MM:SS` of whole seconds since 1970-01-01 UTC (negative before it), or null
 * outside years 0–9999 or for a non-integer.
 */
export function utcSecondsText(seconds: number): string | null {
  if (!Number.isSafeInteger(seconds) || seconds < FIRST || seconds > LAST) return null
  const day = Math.floor(seconds / SECONDS_PER_DAY)
  const inDay = seconds - day * SECONDS_PER_DAY
  if (day !== cachedDay) {
    cachedDate = civilDate(day)
    cachedDay = day
  }
  const hours = Math.floor(inDay / 3600)
  const minutes = Math.floor((inDay % 3600) / 60)
  const secs = inDay % 60
  return `${cachedDate}T${TWO_DIGITS[hours] ?? ''}:${TWO_DIGITS[minutes] ?? ''}:${TWO_DIGITS[secs] ?? ''}`
}

/** `YYYY-MM-DD` of a day number since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilDate(day: number): string {
  const z = day + DAYS_FROM_0000_03_01
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shifted = Math.floor((5 * dayOfYear + 2) / 153)
  const dayOfMonth = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1
  const month = shifted < 10 ? shifted + 3 : shifted - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month] ?? ''}-${TWO_DIGITS[dayOfMonth] ?? ''}`
}
