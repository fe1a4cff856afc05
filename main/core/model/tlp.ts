/** TLP 2.0 levels, lower-case as in the STIX marking names, from least to most restricted. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const

/** One of {@link TLP_LEVELS}. */
export type TlpLevel = (typeof TLP_LEVELS)[number]

/** The case default when nothing else is set: amber (limited disclosure), as most teams start. */
export const DEFAULT_TLP: TlpLevel = 'amber'

/** Rank of a level: higher is more restricted. */
export function tlpRank(level: TlpLevel): number {
  return TLP_LEVELS.indexOf(level)
}

/** True when an item at `item` may go into a share at `limit` (nothing above the limit). */
export function tlpAllows(limit: TlpLevel, item: TlpLevel): boolean {
  return tlpRank(item) <= tlpRank(limit)
}

/** The more restricted of the levels (an item is as restricted as its most restricted part). */
export function tlpMax(first: TlpLevel, ...others: readonly TlpLevel[]): TlpLevel {
  return others.reduce((a, b) => (tlpRank(b) > tlpRank(a) ? b : a), first)
}

/** `TLP:AMBER+STRICT` — the label as FIRST writes it. */
export function tlpLabel(level: TlpLevel): string {
  return `TLP:${level.toUpperCase()}`
}

/** True when `value` is a TLP level. */
export function isTlpLevel(value: unknown): value is TlpLevel {
  return typeof value === 'string' && (TLP_LEVELS as readonly string[]).includes(value)
}
