import type { BigIntStats } from 'node:fs'
import type { FileTimes } from '../model/findings'

const NS_PER_S = 1_000_000_000n

/**
 * A time in nanoseconds since the Unix epoch as UTC ISO-8601 with all nine fraction digits,
 * e.g. `2024-03-01T12:00:00.123456789Z` (sorts as text; no precision lost).
 */
export function nsToIso(ns: bigint): string {
  let seconds = ns / NS_PER_S
  let fraction = ns % NS_PER_S
  if (fraction < 0n) {
    fraction += NS_PER_S
    seconds -= 1n
  }
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19)
  return `${whole}.${fraction.toString().padStart(9, '0')}Z`
}

/** MAC(B) times of a host file; birth time is null where the file system does not keep one. */
export function timesFromStats(stats: BigIntStats): FileTimes {
  return {
    modified: nsToIso(stats.mtimeNs),
    accessed: nsToIso(stats.atimeNs),
    changed: nsToIso(stats.ctimeNs),
    born: stats.birthtimeNs > 0n ? nsToIso(stats.birthtimeNs) : null,
  }
}
