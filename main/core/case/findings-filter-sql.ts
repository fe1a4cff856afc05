import type { FindingSortColumn, TriageStatus } from '../model/findings'
import { TRIAGE_STATUSES } from '../model/findings'
import type { TlpLevel } from '../model/tlp'

/**
 * What selects findings: the findings table's filter bar, and an export's filter. Different
 * fields combine with AND; the values of one list field with OR (any of these rules).
 */
export interface FindingFilter {
  readonly minScore?: number | undefined
  readonly maxScore?: number | undefined
  /** A substring of the path or the rule name, or a whole SHA-256. */
  readonly text?: string | undefined
  readonly triage?: readonly TriageStatus[] | undefined
  /** Leave out findings a suppression covers (known false positives). */
  readonly hideSuppressed?: boolean | undefined
  /** `rules.id` values. */
  readonly ruleIds?: readonly number[] | undefined
  readonly packNames?: readonly string[] | undefined
  /** Findings carrying any of these tags. */
  readonly tags?: readonly string[] | undefined
  /** 'default': the finding has no TLP of its own (the case default applies). */
  readonly tlp?: readonly (TlpLevel | 'default')[] | undefined
  readonly evidenceIds?: readonly number[] | undefined
  /** Paths starting with this text (case-insensitive for ASCII, like SQLite's LIKE). */
  readonly pathPrefix?: string | undefined
  /** MIME types; '' selects files of unknown type. */
  readonly fileTypes?: readonly string[] | undefined
  readonly fileId?: number | undefined
}

/** A filter as SQL: the WHERE clause and its named parameters. */
export interface FilterSql {
  /**
   * Reads only `findings f` (rules and files through sub-selects), so a count needs no join;
   * values only ever as placeholders.
   */
  readonly clause: string
  readonly params: Record<string, unknown>
}

/** Tables joined to `findings f`: `rules r`, `files fl`. */
export interface Joins {
  readonly rule?: boolean | undefined
  readonly file?: boolean | undefined
}

/** `%`, `_` and `\` taken literally inside a LIKE pattern with `ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * The WHERE clause of a filter within one scan, or across every scan of the case when
 * `scanId` is null. The export (gather-findings.ts) selects with it too.
 */
export function findingFilterSql(scanId: number | null, filter: FindingFilter): FilterSql {
  const where: string[] = []
  const params: Record<string, unknown> = {}
  /** `column IN (@p0, @p1…)` with each value bound. */
  const inList = (column: string, prefix: string, values: readonly unknown[]): string => {
    values.forEach((value, i) => (params[`${prefix}${i}`] = value))
    return `${column} IN (${values.map((_, i) => `@${prefix}${i}`).join(', ')})`
  }
  const given = <T>(values: readonly T[] | undefined): values is readonly T[] =>
    values !== undefined && values.length > 0

  if (scanId !== null) {
    where.push('f.scan_id = @scanId')
    params['scanId'] = scanId
  }
  if (filter.minScore !== undefined) {
    where.push('f.score >= @minScore')
    params['minScore'] = filter.minScore
  }
  if (filter.maxScore !== undefined) {
    where.push('f.score <= @maxScore')
    params['maxScore'] = filter.maxScore
  }
  const text = filter.text?.trim() ?? ''
  if (text !== '') {
    // Files and rules are far fewer than findings: match them first, then their findings.
    where.push(
      `(f.file_id IN (SELECT tf.id FROM files tf WHERE tf.path LIKE @like ESCAPE '\\' OR tf.sha256 = @exact)
        OR f.rule_pk IN (SELECT tr.id FROM rules tr WHERE tr.name LIKE @like ESCAPE '\\'))`,
    )
    params['like'] = `%${escapeLike(text)}%`
    params['exact'] = text.toLowerCase()
  }
  if (given(filter.triage)) where.push(inList('f.triage_status', 't', filter.triage))
  if (filter.hideSuppressed === true) where.push('f.suppression_id IS NULL')
  if (given(filter.ruleIds)) where.push(inList('f.rule_pk', 'rule', filter.ruleIds))
  // Rule- and file-side filters select rule or file ids first: the findings indexes on
  // rule_pk and file_id then do the rest, without joining every finding to its rule or file.
  if (given(filter.packNames)) {
    where.push(
      `f.rule_pk IN (SELECT rp.id FROM rules rp JOIN rule_packs pp ON pp.id = rp.pack_id WHERE ${inList('pp.name', 'pack', filter.packNames)})`,
    )
  }
  if (given(filter.tags)) {
    where.push(
      `EXISTS (SELECT 1 FROM finding_tags ft WHERE ft.finding_id = f.id AND ${inList('ft.tag', 'tag', filter.tags)})`,
    )
  }
  if (given(filter.tlp)) {
    const levels = filter.tlp.filter((level) => level !== 'default')
    const parts = levels.length > 0 ? [inList('f.tlp', 'tlp', levels)] : []
    if (filter.tlp.includes('default')) parts.push('f.tlp IS NULL')
    where.push(`(${parts.join(' OR ')})`)
  }
  const fileWhere: string[] = []
  if (given(filter.evidenceIds)) fileWhere.push(inList('ff.evidence_id', 'ev', filter.evidenceIds))
  if (filter.pathPrefix !== undefined && filter.pathPrefix !== '') {
    fileWhere.push(`ff.path LIKE @pathPrefix ESCAPE '\\'`)
    params['pathPrefix'] = `${escapeLike(filter.pathPrefix)}%`
  }
  if (given(filter.fileTypes))
    fileWhere.push(inList("coalesce(ff.mime, '')", 'mime', filter.fileTypes))
  if (fileWhere.length > 0) {
    where.push(`f.file_id IN (SELECT ff.id FROM files ff WHERE ${fileWhere.join(' AND ')})`)
  }
  if (filter.fileId !== undefined) {
    where.push('f.file_id = @fileId')
    params['fileId'] = filter.fileId
  }
  return { clause: where.length > 0 ? where.join(' AND ') : '1', params }
}

/** `FROM findings f` with the joins asked for (a count needs none). */
export function filterFrom(joins: Joins = {}): string {
  return `FROM findings f${joins.rule === true ? ' JOIN rules r ON r.id = f.rule_pk' : ''}${
    joins.file === true ? ' JOIN files fl ON fl.id = f.file_id' : ''
  }`
}

/** Triage statuses in workflow order (new first), for sorting. */
const TRIAGE_ORDER = `CASE f.triage_status ${TRIAGE_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`

/**
 * Sort columns → SQL over the full finding joins (`r`, `p`, `fl`, `e`): an allow-list, never
 * the caller's string.
 */
export const ORDER_BY: Readonly<Record<FindingSortColumn, string>> = {
  score: 'f.score',
  rule: 'r.name',
  path: 'fl.path',
  type: "coalesce(fl.mime, '')",
  matches: 'f.match_count',
  id: 'f.id',
  triage: TRIAGE_ORDER,
  evidence: 'e.label',
  size: 'fl.size_bytes',
  pack: 'p.name',
}

/** The tables {@link ORDER_BY} reads for each column, beyond `findings f`. */
const SORT_JOINS: Readonly<
  Record<FindingSortColumn, { rule?: true; file?: true; pack?: true; evidence?: true }>
> = {
  score: {},
  rule: { rule: true },
  path: { file: true },
  type: { file: true },
  matches: {},
  id: {},
  triage: {},
  evidence: { file: true, evidence: true },
  size: { file: true },
  pack: { rule: true, pack: true },
}

/** `FROM …` for findings sorted by `sort`: only the joins the sort reads. */
export function sortedFrom(sort: FindingSortColumn): string {
  const needs = SORT_JOINS[sort]
  const from = filterFrom(needs)
  return `${from}${needs.pack === true ? ' JOIN rule_packs p ON p.id = r.pack_id' : ''}${
    needs.evidence === true ? ' JOIN evidence e ON e.id = fl.evidence_id' : ''
  }`
}
