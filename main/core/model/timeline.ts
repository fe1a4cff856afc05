/** Which file time an event is. */
export const TIMELINE_KINDS = ['modified', 'accessed', 'changed', 'born'] as const

/** One of {@link TIMELINE_KINDS}. */
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

/** Most events one `timeline:events` call returns. */
export const MAX_TIMELINE_EVENTS = 5000

/** One file time on the timeline. */
export interface TimelineEvent {
  /** UTC ISO-8601, as the file system recorded it (nanoseconds where known). */
  readonly at: string
  readonly kind: TimelineKind
  readonly fileId: number
  readonly path: string
  readonly evidenceLabel: string
  /** The file has at least one finding (a "hit"); false: a neighbour in the window. */
  readonly hasFinding: boolean
  /** Highest score of the file's findings; null for neighbours. */
  readonly maxScore: number | null
  /** NTFS: $STANDARD_INFORMATION or $FILE_NAME time; null on other file systems. */
  readonly source: 'SI' | 'FN' | null
}

/** What `timeline:events` returns. */
export interface TimelinePage {
  /** Ordered by time (then file id, then kind). */
  readonly events: readonly TimelineEvent[]
  /** Events in the window (hits and, when asked, neighbours) before the limit. */
  readonly total: number
  /** Earliest and latest time of the files with findings (of any file when none); null: no times. */
  readonly range: { readonly first: string; readonly last: string } | null
}

/** A UTC ISO-8601 time as the case stores them: whole seconds, or up to nine fraction digits. */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/

/**
 * A stored time in a form that sorts as text: the fraction padded to nine digits
 * (`…:05Z` and `…:05.5Z` do not compare right as stored: `Z` sorts after `.`).
 * Values of another shape are returned as they are.
 */
export function sortableTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(iso)
  if (match === null) return iso
  return `${match[1] ?? ''}.${(match[2] ?? '').padEnd(9, '0')}Z`
}
