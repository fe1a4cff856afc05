import type { FindingSortColumn } from '../../../main/core/model/findings'
import type { ChannelInput } from '../../../main/ipc/contract'

/** Findings per page. */
export const FINDINGS_PAGE_SIZE = 100

/** Sort direction of a column. */
export type SortDirection = 'asc' | 'desc'

/** The filters the analyst applies to the findings table. */
export interface FindingsFilter {
  readonly text: string
  readonly minScore: number | undefined
  readonly scanId: number | undefined
  /** Leave out known false positives (findings a suppression covers). */
  readonly hideSuppressed?: boolean
}

/** Everything that decides which page of findings is shown. */
export interface FindingsQuery {
  readonly filter: FindingsFilter
  readonly sort: FindingSortColumn
  readonly direction: SortDirection
  readonly offset: number
}

/** The query when the Findings section opens: all findings, highest score first. */
export const INITIAL_FINDINGS_QUERY: FindingsQuery = {
  filter: { text: '', minScore: undefined, scanId: undefined },
  sort: 'score',
  direction: 'desc',
  offset: 0,
}

/**
 * The direction a column sorts in when first clicked: numbers high first, text A to Z.
 */
export function defaultDirection(column: FindingSortColumn): SortDirection {
  return column === 'score' || column === 'matches' || column === 'id' ? 'desc' : 'asc'
}

/**
 * The query after a click on a column header: the same column flips, another starts at its
 * default direction; either way back to the first page.
 */
export function sortBy(query: FindingsQuery, column: FindingSortColumn): FindingsQuery {
  const direction =
    query.sort === column ? (query.direction === 'asc' ? 'desc' : 'asc') : defaultDirection(column)
  return { ...query, sort: column, direction, offset: 0 }
}

/**
 * The `findings:list` input for a query; empty filters are left out.
 */
export function toListInput(query: FindingsQuery): ChannelInput<'findings:list'> {
  const text = query.filter.text.trim()
  const { minScore, scanId } = query.filter
  return {
    offset: query.offset,
    limit: FINDINGS_PAGE_SIZE,
    sort: query.sort,
    direction: query.direction,
    ...(minScore === undefined ? {} : { minScore }),
    ...(text === '' ? {} : { text }),
    ...(scanId === undefined ? {} : { scanId }),
    ...(query.filter.hideSuppressed === true ? { hideSuppressed: true } : {}),
  }
}
