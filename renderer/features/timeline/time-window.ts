/** A visible span of time, in milliseconds since the epoch (UTC). */
export interface TimeWindow {
  readonly from: number
  readonly to: number
}

/** The narrowest window: one second (finer times still show in full in the table). */
export const MIN_SPAN_MS = 1000
/** The widest window: about 500 years (FAT and NTFS epochs are far apart). */
export const MAX_SPAN_MS = 500 * 365.25 * 86_400_000
/** One zoom step: the span is halved or doubled. */
export const ZOOM_FACTOR = 2
/** One pan step: a quarter of the span. */
export const PAN_FRACTION = 0.25

/** Milliseconds of a stored time, or null when it does not parse. */
export function timeMs(iso: string): number | null {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

/** The window as the `timeline:events` bounds (whole milliseconds, UTC). */
export function windowBounds(window: TimeWindow): { from: string; to: string } {
  return { from: isoOf(window.from), to: isoOf(window.to) }
}

// Date.UTC() reads years 0–99 as 1900–1999: the bounds are parsed instead.
const FIRST_MS = Date.parse('0001-01-01T00:00:00Z')
const LAST_MS = Date.parse('9999-12-31T23:59:59Z')

function isoOf(ms: number): string {
  const clamped = Math.min(Math.max(ms, FIRST_MS), LAST_MS)
  return new Date(Math.round(clamped)).toISOString()
}

/** A window around `first`…`last` with a margin, so the edge events do not sit on the frame. */
export function paddedWindow(first: number, last: number): TimeWindow {
  const span = Math.max(last - first, 0)
  const margin = Math.max(span * 0.05, 30 * 60_000)
  return { from: first - margin, to: last + margin }
}

/** Zoom by `factor` (> 1: in) about `center` (the middle by default), within the span limits. */
export function zoomWindow(window: TimeWindow, factor: number, center?: number): TimeWindow {
  const span = window.to - window.from
  const next = Math.min(Math.max(span / factor, MIN_SPAN_MS), MAX_SPAN_MS)
  const c = center ?? window.from + span / 2
  const ratio = span === 0 ? 0.5 : (c - window.from) / span
  const from = c - next * ratio
  return { from, to: from + next }
}

/** Move by `fraction` of the span (negative: earlier). */
export function panWindow(window: TimeWindow, fraction: number): TimeWindow {
  const shift = (window.to - window.from) * fraction
  return { from: window.from + shift, to: window.to + shift }
}

/** Position of `ms` in the window, 0 (start) … 1 (end). */
export function positionIn(window: TimeWindow, ms: number): number {
  const span = window.to - window.from
  return span <= 0 ? 0.5 : (ms - window.from) / span
}

const STEPS_MS = [
  1000,
  5000,
  15_000,
  60_000,
  300_000,
  900_000,
  3_600_000,
  6 * 3_600_000,
  86_400_000,
  7 * 86_400_000,
  30 * 86_400_000,
  365 * 86_400_000,
  10 * 365 * 86_400_000,
  100 * 365 * 86_400_000,
]

/** About `count` round tick times inside the window, with labels fitting their step. */
export function axisTicks(window: TimeWindow, count = 6): { ms: number; label: string }[] {
  const span = window.to - window.from
  const step = STEPS_MS.find((s) => span / s <= count) ?? STEPS_MS[STEPS_MS.length - 1] ?? 1000
  const ticks: { ms: number; label: string }[] = []
  if (step >= YEAR_MS) return yearTicks(window, Math.round(step / YEAR_MS))
  for (let ms = Math.ceil(window.from / step) * step; ms <= window.to; ms += step) {
    ticks.push({ ms, label: tickLabel(ms, step) })
  }
  return ticks
}

const YEAR_MS = 365 * 86_400_000

/** Ticks on the first of January of every `years`-th year (calendar years, not 365 days). */
function yearTicks(window: TimeWindow, years: number): { ms: number; label: string }[] {
  const startOf = (year: number) => new Date(0).setUTCFullYear(year, 0, 1)
  const first = Math.ceil(new Date(window.from).getUTCFullYear() / years) * years
  const ticks: { ms: number; label: string }[] = []
  for (let year = first; startOf(year) <= window.to; year += years) {
    if (startOf(year) >= window.from) ticks.push({ ms: startOf(year), label: String(year) })
  }
  return ticks
}

function tickLabel(ms: number, step: number): string {
  const iso = new Date(ms).toISOString()
  if (step >= 86_400_000) return iso.slice(0, 10)
  if (step >= 60_000) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`
  return iso.slice(11, 19)
}

/** A span in words for the status line: "2 h 30 min", "3 days", "45 s". */
export function spanText(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 120) return `${s} s`
  const min = Math.round(s / 60)
  if (min < 120) return `${min} min`
  const h = Math.round(min / 60)
  if (h < 72) return `${h} h`
  const days = Math.round(h / 24)
  if (days < 730) return `${days} days`
  return `${Math.round(days / 365.25)} years`
}
