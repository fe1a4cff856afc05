/**
 * One STIX 2.1 object as plain JSON: `type` and `id` always, the rest by type.
 *
 * Kept loose on purpose: the builder writes objects with a fixed key order (so the same model
 * always serialises to the same bytes) and the checker and reader look at them as untrusted data.
 */
export interface StixObject {
  readonly type: string
  readonly id: string
  readonly [property: string]: unknown
}

/**
 * A STIX 2.1 bundle (there is no `spec_version` on a 2.1 bundle).
 *
 * Plain data: `JSON.stringify` of it is what goes into `stix/bundle.json`.
 */
export interface StixBundle {
  readonly type: 'bundle'
  readonly id: string
  readonly objects: readonly StixObject[]
}

/**
 * The STIX 2.1 cyber-observable (SCO) types.
 *
 * SCOs have no `created`/`modified` and take UUIDv5 ids (§1.4); everything else here is an SDO,
 * SRO or meta object.
 */
export const SCO_TYPES: ReadonlySet<string> = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
])

/**
 * The properties that hold STIX timestamps, on any object type.
 *
 * The checker checks each for a real calendar date; the builder writes all of them with
 * milliseconds.
 */
export const TIMESTAMP_PROPERTIES: readonly string[] = [
  'created',
  'modified',
  'published',
  'valid_from',
  'valid_until',
  'first_seen',
  'last_seen',
  'first_observed',
  'last_observed',
  'ctime',
  'mtime',
  'atime',
]

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/

/**
 * True when `value` is an RFC 3339 UTC timestamp (`Z`) naming a real instant.
 *
 * The schema's pattern accepts `2025-02-30`; this also rejects days a month does not have.
 */
export function isStixTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const m = TIMESTAMP.exec(value)
  if (m === null) return false
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number)
  if ([year, month, day, hour, minute, second].some((n) => n === undefined)) return false
  const [y, mo, d, h, mi, sec] = [
    year ?? 0,
    month ?? 0,
    day ?? 0,
    hour ?? 0,
    minute ?? 0,
    second ?? 0,
  ]
  // Leap second 60 is allowed by RFC 3339; check the date with :59.
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, Math.min(sec, 59)))
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    sec <= 60
  )
}

/**
 * The timestamp with exactly three fraction digits (`…:07.512Z`), or null when it is not one.
 *
 * Longer fractions (file times carry nanoseconds) are truncated, never rounded, so the order of
 * two times is kept; the full value travels in the `x_outpost_*` properties.
 */
export function toStixTime(value: string | null): string | null {
  if (value === null || !isStixTimestamp(value)) return null
  const m = TIMESTAMP.exec(value)
  const fraction = (m?.[7] ?? '').padEnd(3, '0').slice(0, 3)
  return `${value.slice(0, 19)}.${fraction}Z`
}

/**
 * Compare two STIX timestamps as instants: negative, zero or positive like `Array.sort`.
 *
 * String order is wrong when the fractions have different lengths, so the fraction is padded.
 */
export function compareStixTime(a: string, b: string): number {
  const norm = (t: string): string => {
    const m = TIMESTAMP.exec(t)
    return `${t.slice(0, 19)}.${(m?.[7] ?? '').padEnd(9, '0')}`
  }
  const [x, y] = [norm(a), norm(b)]
  return x < y ? -1 : x > y ? 1 : 0
}

/** The UUID part of a STIX id (`indicator--<uuid>` → `<uuid>`). */
export function uuidOfId(id: string): string {
  const at = id.indexOf('--')
  return at < 0 ? id : id.slice(at + 2)
}

/** The type part of a STIX id (`indicator--<uuid>` → `indicator`). */
export function typeOfId(id: string): string {
  const at = id.indexOf('--')
  return at < 0 ? '' : id.slice(0, at)
}
