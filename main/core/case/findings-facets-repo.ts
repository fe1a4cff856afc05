import type { TriageStatus } from '../model/findings'
import { FACET_CAP } from '../model/finding-facets'
import type {
  FacetCount,
  EvidenceFacet,
  FindingFacets,
  FindingGroupBy,
  FindingGroupPage,
  FindingGroupSort,
  RuleFacet,
} from '../model/finding-facets'
import type { TlpLevel } from '../model/tlp'
import { filterFrom, findingFilterSql } from './findings-filter-sql'
import type { FindingFilter, Joins } from './findings-filter-sql'
import { queryScan } from './findings-repo'
import type { FindingQuery } from './findings-repo'
import type { Db } from './open-case-db'

/** A facets or groups query: a filter and the scans it covers (as in `findings:list`). */
export type FindingScope = FindingFilter & Pick<FindingQuery, 'scanId' | 'allScans'>

const NO_FACETS: FindingFacets = {
  rules: [],
  packs: [],
  tags: [],
  triage: [],
  tlp: [],
  evidence: [],
  fileTypes: [],
}

/**
 * The values the filter bar offers, with counts, each under every filter but its own: with
 * rule A picked, the rule facet still lists rules B and C (to widen the choice).
 */
export function listFindingFacets(db: Db, scope: FindingScope): FindingFacets {
  const scanId = queryScan(db, scope)
  if (scanId === undefined) return NO_FACETS
  /** `SELECT <select> FROM <filtered findings + joins> GROUP BY … ORDER BY n DESC LIMIT cap`. */
  const facet = <T>(
    without: keyof FindingFilter,
    select: string,
    joins: string,
    groupBy: string,
    needs: Joins = {},
  ): T[] => {
    const sql = findingFilterSql(scanId, { ...scope, [without]: undefined })
    const from = filterFrom(needs)
    return db
      .prepare(
        `SELECT ${select}, count(*) AS count ${from} ${joins} WHERE ${sql.clause}
         GROUP BY ${groupBy} ORDER BY count DESC, 1 LIMIT ${FACET_CAP}`,
      )
      .all(sql.params) as T[]
  }
  return {
    rules: facet<RuleFacet>(
      'ruleIds',
      'r.id AS id, r.namespace AS namespace, r.name AS name',
      '',
      'f.rule_pk',
      { rule: true },
    ),
    packs: facet<FacetCount<string>>(
      'packNames',
      'p.name AS value',
      'JOIN rule_packs p ON p.id = r.pack_id',
      'p.name',
      { rule: true },
    ),
    tags: facet<FacetCount<string>>(
      'tags',
      'ft.tag AS value',
      'JOIN finding_tags ft ON ft.finding_id = f.id',
      'ft.tag',
    ),
    triage: facet<FacetCount<TriageStatus>>(
      'triage',
      'f.triage_status AS value',
      '',
      'f.triage_status',
    ),
    tlp: facet<FacetCount<TlpLevel | 'default'>>(
      'tlp',
      "coalesce(f.tlp, 'default') AS value",
      '',
      'f.tlp',
    ),
    evidence: facet<EvidenceFacet>(
      'evidenceIds',
      'e.id AS id, e.label AS label',
      'JOIN evidence e ON e.id = fl.evidence_id',
      'fl.evidence_id',
      { file: true },
    ),
    fileTypes: facet<FacetCount<string>>(
      'fileTypes',
      "coalesce(fl.mime, '') AS value",
      '',
      "coalesce(fl.mime, '')",
      { file: true },
    ),
  }
}

/** A groups query: a scope, what to group by and a page of groups. */
export interface FindingGroupQuery extends FindingScope {
  readonly by: FindingGroupBy
  readonly offset: number
  readonly limit: number
  readonly sort: FindingGroupSort
  readonly direction: 'asc' | 'desc'
}

const GROUP_ORDER: Readonly<Record<FindingGroupSort, string>> = {
  count: 'count',
  maxScore: 'max_score',
  label: 'label',
}

interface GroupRow {
  id: number
  label: string
  detail: string
  count: number
  max_score: number
}

/** The findings a filter selects, grouped by rule or by file, a page at a time. */
export function listFindingGroups(db: Db, query: FindingGroupQuery): FindingGroupPage {
  const scanId = queryScan(db, query)
  if (scanId === undefined) return { total: 0, groups: [] }
  const sql = findingFilterSql(scanId, query)
  const byRule = query.by === 'rule'
  const from = filterFrom({ rule: byRule, file: !byRule })
  const groupColumn = byRule ? 'f.rule_pk' : 'f.file_id'
  const total = (
    db
      .prepare(`SELECT count(DISTINCT ${groupColumn}) AS n ${from} WHERE ${sql.clause}`)
      .get(sql.params) as { n: number }
  ).n
  const select = byRule
    ? `r.id AS id, r.namespace || ':' || r.name AS label, p.name || '@' || p.version AS detail`
    : 'fl.id AS id, fl.path AS label, e.label AS detail'
  const joins = byRule
    ? 'JOIN rule_packs p ON p.id = r.pack_id'
    : 'JOIN evidence e ON e.id = fl.evidence_id'
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC'
  const rows = db
    .prepare(
      `SELECT ${select}, count(*) AS count, max(f.score) AS max_score ${from} ${joins}
       WHERE ${sql.clause} GROUP BY ${groupColumn}
       ORDER BY ${GROUP_ORDER[query.sort]} ${direction}, id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...sql.params, limit: query.limit, offset: query.offset }) as GroupRow[]
  return {
    total,
    groups: rows.map((row) => ({
      key: `${query.by}:${row.id}`,
      label: row.label,
      detail: row.detail,
      count: row.count,
      maxScore: row.max_score,
      ...(byRule ? { ruleId: row.id } : { fileId: row.id }),
    })),
  }
}
