import type { FindingSortColumn, TriageStatus } from '../../../../main/core/model/findings'
import type { TlpLevel } from '../../../../main/core/model/tlp'
import type { ChannelInput } from '../../../../main/ipc/contract'
import { TLP_CHOICES } from '../../../lib/tlp'
import { TRIAGE_ORDER } from '../../triage/triage-shortcuts'
import { COLUMN_IDS, COLUMNS, DEFAULT_COLUMNS } from './columns'
import type { ColumnId } from './columns'

/** What the filter bar holds. Empty lists and strings filter nothing. */
export interface TableFilter {
  readonly text: string
  readonly minScore?: number | undefined
  readonly maxScore?: number | undefined
  readonly pathPrefix: string
  readonly ruleIds: readonly number[]
  readonly packNames: readonly string[]
  readonly tags: readonly string[]
  readonly triage: readonly TriageStatus[]
  readonly tlp: readonly (TlpLevel | 'default')[]
  readonly evidenceIds: readonly number[]
  readonly fileTypes: readonly string[]
  readonly hideSuppressed: boolean
  /** One scan; undefined: the latest (or every scan with `allScans`). */
  readonly scanId?: number | undefined
  /** Every scan of the case: a file hit again by a rescan is then listed once per scan. */
  readonly allScans?: boolean | undefined
}

/** What the table shows, grouped. */
export type GroupBy = 'none' | 'rule' | 'file'

/** Everything the findings table remembers per case. */
export interface TableState {
  readonly filter: TableFilter
  readonly sort: FindingSortColumn
  readonly direction: 'asc' | 'desc'
  readonly columns: readonly ColumnId[]
  readonly groupBy: GroupBy
}

/** No filter at all. */
export const EMPTY_FILTER: TableFilter = {
  text: '',
  pathPrefix: '',
  ruleIds: [],
  packNames: [],
  tags: [],
  triage: [],
  tlp: [],
  evidenceIds: [],
  fileTypes: [],
  hideSuppressed: false,
}

/** The table of a case opened for the first time: highest score first. */
export const INITIAL_TABLE_STATE: TableState = {
  filter: EMPTY_FILTER,
  sort: 'score',
  direction: 'desc',
  columns: DEFAULT_COLUMNS,
  groupBy: 'none',
}

/** True when any filter is set (the empty state then offers "Clear filters"). */
export function isFiltered(filter: TableFilter): boolean {
  const input = toFilterInput(filter)
  return Object.keys(input).some((key) => key !== 'scanId' && key !== 'allScans')
}

/** The filter as the `findings:*` channels take it; empty parts left out. */
export function toFilterInput(filter: TableFilter): ChannelInput<'findings:facets'> {
  const text = filter.text.trim()
  const lists = {
    ruleIds: filter.ruleIds,
    packNames: filter.packNames,
    tags: filter.tags,
    triage: filter.triage,
    tlp: filter.tlp,
    evidenceIds: filter.evidenceIds,
    fileTypes: filter.fileTypes,
  }
  return {
    ...(filter.scanId === undefined ? {} : { scanId: filter.scanId }),
    ...(filter.scanId === undefined && filter.allScans === true ? { allScans: true } : {}),
    ...(text === '' ? {} : { text }),
    ...(filter.minScore === undefined ? {} : { minScore: filter.minScore }),
    ...(filter.maxScore === undefined ? {} : { maxScore: filter.maxScore }),
    ...(filter.pathPrefix === '' ? {} : { pathPrefix: filter.pathPrefix }),
    ...Object.fromEntries(
      Object.entries(lists)
        .filter(([, values]) => values.length > 0)
        .map(([key, values]) => [key, [...values]]),
    ),
    ...(filter.hideSuppressed ? { hideSuppressed: true } : {}),
  }
}

/** The localStorage key of a case's table state. */
export function stateKey(caseUuid: string): string {
  return `outpost.findings-table.v1.${caseUuid}`
}

/** A case's saved table state, or the initial one (nothing saved, or not readable). */
export function loadTableState(caseUuid: string | undefined): TableState {
  if (caseUuid === undefined) return INITIAL_TABLE_STATE
  try {
    const raw = window.localStorage.getItem(stateKey(caseUuid))
    return raw === null ? INITIAL_TABLE_STATE : sanitize(JSON.parse(raw) as unknown)
  } catch {
    return INITIAL_TABLE_STATE
  }
}

/** Remember a case's table state (quietly: a full or blocked storage only loses the memory). */
export function saveTableState(caseUuid: string | undefined, state: TableState): void {
  if (caseUuid === undefined) return
  try {
    window.localStorage.setItem(stateKey(caseUuid), JSON.stringify(state))
  } catch {
    // Nothing to do: the table works the same, it just will not be restored.
  }
}

type Loose = Record<string, unknown>

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null
const listOf = <T>(value: unknown, keep: (item: unknown) => item is T): T[] =>
  Array.isArray(value) ? value.filter(keep) : []
const isString = (v: unknown): v is string => typeof v === 'string'
const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0
const isScore = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100
/** The sort columns the table offers (main's allow-list has these and `id`). */
const SORT_COLUMNS: readonly FindingSortColumn[] = [
  'id',
  ...COLUMNS.flatMap((column) => (column.sort === undefined ? [] : [column.sort])),
]

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    values.includes(v as T)

/** Saved state is data from disk: keep only well-formed parts, default the rest. */
function sanitize(saved: unknown): TableState {
  if (!isObject(saved)) return INITIAL_TABLE_STATE
  const f = isObject(saved['filter']) ? saved['filter'] : {}
  const filter: TableFilter = {
    text: isString(f['text']) ? f['text'].slice(0, 500) : '',
    minScore: isScore(f['minScore']) ? f['minScore'] : undefined,
    maxScore: isScore(f['maxScore']) ? f['maxScore'] : undefined,
    pathPrefix: isString(f['pathPrefix']) ? f['pathPrefix'].slice(0, 4096) : '',
    ruleIds: listOf(f['ruleIds'], isId),
    packNames: listOf(f['packNames'], isString),
    tags: listOf(f['tags'], isString),
    triage: listOf(f['triage'], oneOf(TRIAGE_ORDER)),
    tlp: listOf(f['tlp'], oneOf([...TLP_CHOICES, 'default'] as const)),
    evidenceIds: listOf(f['evidenceIds'], isId),
    fileTypes: listOf(f['fileTypes'], isString),
    hideSuppressed: f['hideSuppressed'] === true,
    scanId: isId(f['scanId']) ? f['scanId'] : undefined,
    allScans: f['allScans'] === true,
  }
  const columns = listOf(saved['columns'], oneOf(COLUMN_IDS))
  return {
    filter,
    sort: oneOf(SORT_COLUMNS)(saved['sort']) ? saved['sort'] : 'score',
    direction: saved['direction'] === 'asc' ? 'asc' : 'desc',
    columns: columns.length > 0 ? columns : DEFAULT_COLUMNS,
    groupBy: oneOf(['none', 'rule', 'file'] as const)(saved['groupBy']) ? saved['groupBy'] : 'none',
  }
}
