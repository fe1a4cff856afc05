import { AppError } from '../model/errors'
import { sortableTime } from '../model/timeline'
import type { TimelineEvent, TimelineKind, TimelinePage } from '../model/timeline'
import type { Db } from './open-case-db'

/** What `timeline:events` asks. */
export interface TimelineQuery {
  readonly from?: string | undefined
  readonly to?: string | undefined
  /** Always include this file's times (the finding the timeline was opened from). */
  readonly around?: { readonly fileId: number } | undefined
  readonly limit: number
  readonly includeNeighbours: boolean
}

/** Most neighbour events one call returns (the hits come first). */
export const MAX_NEIGHBOUR_EVENTS = 2000

interface TimeColumn {
  readonly column: string
  readonly kind: TimelineKind
  readonly fileName: boolean
}

const KINDS: readonly TimelineKind[] = ['modified', 'accessed', 'changed', 'born']
/** $STANDARD_INFORMATION (or the only) times, then NTFS $FILE_NAME times. */
const COLUMNS: readonly TimeColumn[] = [
  ...KINDS.map((kind) => ({ column: `${kind}_at`, kind, fileName: false })),
  ...KINDS.map((kind) => ({ column: `fn_${kind}_at`, kind, fileName: true })),
]
const HAS_FN = 'coalesce(f.fn_modified_at, f.fn_accessed_at, f.fn_changed_at, f.fn_born_at)'

interface Row {
  file_id: number
  path: string
  label: string
  max_score: number | null
  at: string
  kind: TimelineKind
  source: 'SI' | 'FN' | null
}

/**
 * The file times of the files with findings in a window, plus (when asked) the times of other
 * files in the same window — what happened around a hit. Times are stored as text in a few
 * shapes (whole seconds, milli- or nanoseconds), so SQL narrows to the window's whole seconds
 * and the exact bounds and order are applied here on {@link sortableTime}.
 *
 * Every column is read through its own index (schema v7), in time order up to the limit, so a
 * window in a case with 100,000+ files answers in tens of milliseconds (the whole case: about a
 * second, most of it counting). Neighbours show their main times only; hits show NTFS $FILE_NAME
 * times too.
 *
 * @throws AppError `INVALID_INPUT` when `from` is after `to`; `NOT_FOUND` for an unknown `around` file.
 */
export function timelineEvents(db: Db, query: TimelineQuery): TimelinePage {
  const from = query.from === undefined ? null : sortableTime(query.from)
  const to = query.to === undefined ? null : sortableTime(query.to)
  if (from !== null && to !== null && from > to) {
    throw new AppError(
      'INVALID_INPUT',
      'The timeline window starts after it ends: swap the two times.',
    )
  }
  // Whole-second bounds: every stored shape of a second sorts between these two texts.
  const bounds = { from: from?.slice(0, 19) ?? '', to: to === null ? '~' : `${to.slice(0, 19)}~` }
  const inWindow = (row: Row) => {
    const at = sortableTime(row.at)
    return (from === null || at >= from) && (to === null || at <= to)
  }

  const hits = sortEvents(
    COLUMNS.flatMap((c) => columnRows(db, c, 'hits', bounds, query.limit)).filter(inWindow),
  ).slice(0, query.limit)
  const hitCounts = COLUMNS.map((c) => columnCount(db, c, 'hits', bounds))
  const counts = { n: sum(hitCounts), fn: sum(hitCounts.slice(KINDS.length)) }

  let events: Row[] = hits
  let total = counts.n
  if (query.includeNeighbours) {
    const room = Math.min(MAX_NEIGHBOUR_EVENTS, Math.max(0, query.limit - hits.length))
    const neighbours = neighbourRows(db, bounds, room).filter(inWindow)
    events = [...events, ...neighbours]
    // Every main-column time in the window, less those of the hits, are neighbours' times.
    total += neighbourCount(db, bounds) - (counts.n - counts.fn)
  }
  if (query.around !== undefined) {
    const around = aroundRows(db, query.around.fileId)
    const seen = new Set(events.map(eventKey))
    events = [...events, ...around.filter((row) => !seen.has(eventKey(row)))]
  }
  return { events: sortEvents(events).map(toEvent), total, range: timeRange(db) }
}

const HAS_FINDING = 'EXISTS (SELECT 1 FROM findings x WHERE x.file_id = f.id)'

/**
 * One time column's events in the window, earliest first: of the files with findings, or of
 * the others. Each reads the column's index in order and stops at the limit.
 */
function columnRows(
  db: Db,
  c: TimeColumn,
  which: 'hits' | 'neighbours',
  bounds: { from: string; to: string },
  limit: number,
): Row[] {
  const source = c.fileName ? `'FN'` : `CASE WHEN ${HAS_FN} IS NOT NULL THEN 'SI' END`
  const score =
    which === 'hits' ? '(SELECT max(score) FROM findings x WHERE x.file_id = f.id)' : 'NULL'
  return db
    .prepare(
      `SELECT f.id AS file_id, f.path, e.label, ${score} AS max_score, f.${c.column} AS at,
         '${c.kind}' AS kind, ${source} AS source
       FROM files f JOIN evidence e ON e.id = f.evidence_id
       WHERE f.${c.column} >= @from AND f.${c.column} <= @to
         AND ${which === 'hits' ? '' : 'NOT '}${HAS_FINDING}
       ORDER BY f.${c.column} LIMIT @limit`,
    )
    .all({ ...bounds, limit }) as Row[]
}

/** How many times of one column fall in the window: of hits, or of every file. */
function columnCount(
  db: Db,
  c: TimeColumn,
  which: 'hits' | 'all',
  bounds: { from: string; to: string },
): number {
  const hits = which === 'hits' ? ` AND ${HAS_FINDING}` : ''
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM files f
       WHERE f.${c.column} >= @from AND f.${c.column} <= @to${hits}`,
    )
    .get(bounds) as { n: number }
  return row.n
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** Times of files without findings in the window, earliest first, through each column's index. */
function neighbourRows(db: Db, bounds: { from: string; to: string }, room: number): Row[] {
  if (room === 0) return []
  const rows = COLUMNS.filter((c) => !c.fileName).flatMap((c) =>
    columnRows(db, c, 'neighbours', bounds, room),
  )
  return sortEvents(rows).slice(0, room)
}

function neighbourCount(db: Db, bounds: { from: string; to: string }): number {
  return sum(COLUMNS.filter((c) => !c.fileName).map((c) => columnCount(db, c, 'all', bounds)))
}

/** Every time of one file, whatever the window. */
function aroundRows(db: Db, fileId: number): Row[] {
  const file = db.prepare('SELECT 1 FROM files WHERE id = ?').get(fileId)
  if (file === undefined)
    throw new AppError('NOT_FOUND', `There is no file ${fileId} in this case.`)
  const branches = COLUMNS.map((c) => {
    const source = c.fileName ? `'FN'` : `CASE WHEN ${HAS_FN} IS NOT NULL THEN 'SI' END`
    return `SELECT f.id AS file_id, f.path, e.label,
        (SELECT max(score) FROM findings x WHERE x.file_id = f.id) AS max_score,
        f.${c.column} AS at, '${c.kind}' AS kind, ${source} AS source
      FROM files f JOIN evidence e ON e.id = f.evidence_id
      WHERE f.id = @fileId AND f.${c.column} IS NOT NULL`
  })
  return db.prepare(branches.join(' UNION ALL ')).all({ fileId }) as Row[]
}

/** First and last time of the hits; of all files when nothing hit yet. */
function timeRange(db: Db): TimelinePage['range'] {
  // The first and last hit of each column: an index walk from either end to the first hit.
  const edge = (c: TimeColumn, order: 'ASC' | 'DESC', where: string) => {
    const row = db
      .prepare(
        `SELECT f.${c.column} AS at FROM files f WHERE f.${c.column} IS NOT NULL${where}
         ORDER BY f.${c.column} ${order} LIMIT 1`,
      )
      .get() as { at: string } | undefined
    return row?.at ?? null
  }
  const edges = (columns: readonly TimeColumn[], where: string) =>
    columns.flatMap((c) => [edge(c, 'ASC', where), edge(c, 'DESC', where)])
  let times = edges(COLUMNS, ` AND ${HAS_FINDING}`)
  if (times.every((t) => t === null)) {
    times = edges(
      COLUMNS.filter((c) => !c.fileName),
      '',
    )
  }
  const known = times.filter((t): t is string => t !== null).sort(byTime)
  const first = known[0]
  const last = known.at(-1)
  return first === undefined || last === undefined ? null : { first, last }
}

function byTime(a: string, b: string): number {
  const x = sortableTime(a)
  const y = sortableTime(b)
  return x < y ? -1 : x > y ? 1 : 0
}

function sortEvents(rows: Row[]): Row[] {
  const order = (r: Row) => KINDS.indexOf(r.kind) * 2 + (r.source === 'FN' ? 1 : 0)
  return rows.sort((a, b) => byTime(a.at, b.at) || a.file_id - b.file_id || order(a) - order(b))
}

function eventKey(row: Row): string {
  return `${row.file_id} ${row.kind} ${row.source ?? ''}`
}

function toEvent(row: Row): TimelineEvent {
  return {
    at: row.at,
    kind: row.kind,
    fileId: row.file_id,
    path: row.path,
    evidenceLabel: row.label,
    hasFinding: row.max_score !== null,
    maxScore: row.max_score,
    source: row.source,
  }
}
