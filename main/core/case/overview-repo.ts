import type { CaseOverview, RuleCount, ScanOverview, ScoreBandCount } from '../model/overview'
import { SCORE_BANDS } from '../model/overview'
import type { TriageStatus } from '../model/findings'
import { TRIAGE_STATUSES } from '../model/findings'
import { listEvidence } from './evidence-repo'
import type { Db } from './open-case-db'
import { listScans } from './scan-repo'

const TOP_RULES = 10

/**
 * The Case home in one read: evidence with its integrity, scans, findings by score band and by
 * rule, and triage progress.
 *
 * Aggregates only — no query walks the files table, and the findings queries are single passes
 * (by score, by `rule_pk`, by triage status) over the findings indexes, so a case with 100,000
 * findings answers in tens of milliseconds.
 */
export function readOverview(db: Db): CaseOverview {
  return db.transaction(() => ({
    evidence: listEvidence(db),
    scans: listScans(db).map(toScanOverview),
    findings: {
      total: countFindings(db),
      scoreBands: scoreBands(db),
      topRules: topRules(db),
      triage: triageCounts(db),
    },
  }))()
}

function toScanOverview(scan: ReturnType<typeof listScans>[number]): ScanOverview {
  return {
    id: scan.id,
    kind: scan.kind,
    status: scan.status,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    packs: scan.packs,
    filesScanned: scan.filesScanned,
    coverageGaps: scan.coverage,
    findingCount: scan.findingCount,
  }
}

function countFindings(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM findings').get() as { n: number }).n
}

function scoreBands(db: Db): ScoreBandCount[] {
  // One pass: the band columns come from the constant table, never from input.
  const columns = SCORE_BANDS.map(
    (band, i) => `coalesce(sum(score BETWEEN ${band.min} AND ${band.max}), 0) AS b${i}`,
  ).join(', ')
  const row = db.prepare(`SELECT ${columns} FROM findings`).get() as Record<string, number>
  return SCORE_BANDS.map((band, i) => ({ min: band.min, max: band.max, count: row[`b${i}`] ?? 0 }))
}

interface RuleCountRow {
  namespace: string
  name: string
  pack_name: string
  rule_ids: string
  n: number
}

function topRules(db: Db): RuleCount[] {
  // Count per rule_pk first (the findings_rule index), then fold the versions of a rule together.
  const rows = db
    .prepare(
      `WITH per_pk AS (SELECT rule_pk, count(*) AS n FROM findings GROUP BY rule_pk)
       SELECT r.namespace, r.name, min(p.name) AS pack_name,
              group_concat(r.id) AS rule_ids, sum(per_pk.n) AS n
       FROM per_pk JOIN rules r ON r.id = per_pk.rule_pk JOIN rule_packs p ON p.id = r.pack_id
       GROUP BY r.namespace, r.name
       ORDER BY n DESC, r.namespace, r.name
       LIMIT ?`,
    )
    .all(TOP_RULES) as RuleCountRow[]
  return rows.map((r) => ({
    namespace: r.namespace,
    name: r.name,
    packName: r.pack_name,
    ruleIds: r.rule_ids
      .split(',')
      .map(Number)
      .sort((a, b) => a - b),
    count: r.n,
  }))
}

function triageCounts(db: Db): Record<TriageStatus, number> {
  const rows = db
    .prepare('SELECT triage_status AS status, count(*) AS n FROM findings GROUP BY triage_status')
    .all() as { status: TriageStatus; n: number }[]
  const counts = Object.fromEntries(TRIAGE_STATUSES.map((s) => [s, 0])) as Record<
    TriageStatus,
    number
  >
  for (const row of rows) counts[row.status] = row.n
  return counts
}
