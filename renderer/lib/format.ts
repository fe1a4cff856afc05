/**
 * Pure formatting of numbers, sizes, durations and timestamps for display.
 *
 * Locale-independent on purpose (en-US digits, UTC times): two analysts comparing screens or
 * screenshots must read the same values.
 */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const

/** A whole number with thousands separators: `1,234,567`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/**
 * A byte count in binary units with one decimal: `1.5 MiB` (`512 B` below a kibibyte).
 *
 * Binary (IEC) units, as the CLI prints them and as scan limits are set (256 MiB); the exact
 * byte count is always one hover or one detail line away ({@link formatSizeExact}).
 */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit] ?? ''}`
}

/** A size with the exact byte count after it: `1.4 MiB (1,500,000 bytes)`. */
export function formatSizeExact(bytes: number): string {
  return bytes < 1024
    ? `${formatCount(bytes)} bytes`
    : `${formatSize(bytes)} (${formatCount(bytes)} bytes)`
}

/**
 * A duration in seconds as `1 h 02 min`, `3 min 05 s`, `2 min` or `42 s`.
 *
 * Used for the ETA and the scan limits; sub-second values show as `<1 s`.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 1) return seconds === 0 ? '0 s' : '<1 s'
  const total = Math.round(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`
  if (m > 0) return s === 0 ? `${m} min` : `${m} min ${String(s).padStart(2, '0')} s`
  return `${s} s`
}

/** Milliseconds as a duration (see {@link formatDuration}). */
export function formatMillis(ms: number): string {
  return formatDuration(ms / 1000)
}

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]00:?00)$/i

/**
 * A UTC timestamp as `2024-05-01 13:02:03.123456789 UTC`, keeping every fractional digit.
 *
 * The model carries UTC ISO-8601 strings (with up to nanoseconds); they are re-formatted without
 * going through `Date`, which would drop digits. A timestamp with another offset is converted to
 * UTC through `Date`; anything unparseable is shown as it came, marked "(unparsed)".
 */
export function formatUtc(iso: string | null): string {
  if (iso === null || iso === '') return '—'
  const m = ISO.exec(iso)
  if (m) return `${m[1] ?? ''} ${m[2] ?? ''}${m[3] ?? ''} UTC`
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return `${iso} (unparsed)`
  return `${date.toISOString().replace('T', ' ').replace('Z', '')} UTC`
}

/**
 * A UTC timestamp to the second, `2024-05-01 13:02:03 UTC`, for dense lists: the full value
 * ({@link formatUtc}) goes in a title and in the entry's details.
 */
export function formatUtcSeconds(iso: string | null): string {
  return formatUtc(iso).replace(/^(\S+ \d{2}:\d{2}:\d{2})\.\d+ UTC$/, '$1 UTC')
}

/**
 * The start of a hash for a narrow column: `e3b0c44298fc…` (the full value goes in a title).
 */
export function shortHash(hash: string, keep = 12): string {
  return hash.length <= keep ? hash : `${hash.slice(0, keep)}…`
}

/** A percentage with no decimals, or null when the total is unknown. */
export function percent(done: number, total: number): number | null {
  if (total <= 0) return null
  return Math.min(100, Math.floor((done / total) * 100))
}
