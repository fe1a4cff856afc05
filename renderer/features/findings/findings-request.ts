import type { TableFilter } from './table/table-state'

/**
 * What another section asks of the Findings section: show the findings behind a chart bar of the
 * Case home (a filter over every scan, as the home counts them), or open one finding's detail
 * (from the evidence browser). `nonce` tells one request from the next, even an equal one.
 */
export interface FindingsRequest {
  readonly nonce: number
  readonly filter?: Partial<Pick<TableFilter, 'minScore' | 'maxScore' | 'ruleIds' | 'triage'>>
  readonly openFindingId?: number
}
