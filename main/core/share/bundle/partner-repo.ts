import type { Db } from '../../case/open-case-db'
import type { PartnerBundleView, PartnerFindingPage, PartnerFindingRow } from '../../model/sharing'
import type { TlpLevel } from '../../model/tlp'
import type { ExportEvidence, ExportFinding, ExportNote, ExportRule } from '../export-model'

interface BundleRow {
  id: number
  bundle_id: string
  source_name: string
  producer_org: string
  producer_key_id: string | null
  signer_status: PartnerBundleView['signerStatus']
  tlp: TlpLevel
  created: string
  case_name: string
  report_name: string
  imported_at: string
  imported_by: string
  finding_count: number
  rule_count: number
}

const BUNDLE_SELECT = `
  SELECT b.*, (SELECT count(*) FROM partner_findings f WHERE f.bundle_pk = b.id) AS finding_count,
         (SELECT count(*) FROM partner_rules r WHERE r.bundle_pk = b.id) AS rule_count
  FROM partner_bundles b`

function toView(row: BundleRow): PartnerBundleView {
  return {
    id: row.id,
    bundleId: row.bundle_id,
    sourceName: row.source_name,
    producerOrg: row.producer_org,
    producerKeyId: row.producer_key_id,
    signerStatus: row.signer_status,
    tlp: row.tlp,
    created: row.created,
    caseName: row.case_name,
    reportName: row.report_name,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    findingCount: row.finding_count,
    ruleCount: row.rule_count,
  }
}

/** The partner bundles imported into the case, newest first. */
export function listPartnerBundles(db: Db): PartnerBundleView[] {
  return (db.prepare(`${BUNDLE_SELECT} ORDER BY b.id DESC`).all() as BundleRow[]).map(toView)
}

/** One imported bundle, or undefined. */
export function getPartnerBundle(db: Db, id: number): PartnerBundleView | undefined {
  const row = db.prepare(`${BUNDLE_SELECT} WHERE b.id = ?`).get(id) as BundleRow | undefined
  return row === undefined ? undefined : toView(row)
}

interface StoredFinding {
  readonly finding: ExportFinding
  readonly evidence: ExportEvidence | null
}

/** A page of a partner's findings, most severe first; each says whether its content is here too. */
export function listPartnerFindings(
  db: Db,
  query: { readonly bundleId: number; readonly offset: number; readonly limit: number },
): PartnerFindingPage {
  const total = (
    db
      .prepare('SELECT count(*) AS n FROM partner_findings WHERE bundle_pk = ?')
      .get(query.bundleId) as { n: number }
  ).n
  const rules = partnerRulesByKey(db, query.bundleId)
  const rows = db
    .prepare(
      `SELECT pf.id, pf.finding_json,
              EXISTS (SELECT 1 FROM files fl WHERE fl.sha256 = pf.sha256) AS seen_here
       FROM partner_findings pf WHERE pf.bundle_pk = ?
       ORDER BY pf.score DESC, pf.id LIMIT ? OFFSET ?`,
    )
    .all(query.bundleId, query.limit, query.offset) as {
    id: number
    finding_json: string
    seen_here: number
  }[]
  return {
    total,
    rows: rows.map((row) => {
      const stored = JSON.parse(row.finding_json) as StoredFinding
      return toRow(row.id, stored, rules.get(stored.finding.ruleKey), row.seen_here === 1)
    }),
  }
}

function toRow(
  id: number,
  { finding, evidence }: StoredFinding,
  rule: ExportRule | undefined,
  seenHere: boolean,
): PartnerFindingRow {
  const [namespace, name] = splitKey(finding.ruleKey)
  return {
    id,
    findingUuid: finding.uuid,
    ruleName: rule?.name ?? name,
    ruleNamespace: rule?.namespace ?? namespace,
    packName: rule?.packName ?? '',
    packVersion: rule?.packVersion ?? '',
    score: finding.score,
    triageStatus: finding.triageStatus,
    tlp: finding.tlp,
    evidenceLabel: evidence?.label ?? '(unknown evidence)',
    location: finding.file.location,
    path: finding.file.path,
    sha256: finding.file.sha256,
    sizeBytes: finding.file.sizeBytes,
    matchCount: finding.matchCount,
    seenAt: finding.seenAt,
    seenHere,
  }
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(':')
  return colon < 0 ? ['', key] : [key.slice(0, colon), key.slice(colon + 1)]
}

/** The partner's rules of one bundle by `namespace:name`. */
export function partnerRulesByKey(db: Db, bundlePk: number): Map<string, ExportRule> {
  const rows = db
    .prepare('SELECT rule_json FROM partner_rules WHERE bundle_pk = ? ORDER BY id')
    .all(bundlePk) as { rule_json: string }[]
  const rules = rows.map((row) => JSON.parse(row.rule_json) as ExportRule)
  return new Map(rules.map((rule) => [rule.key, rule]))
}

/** Every finding of a bundle as the partner sent it (round trips, merges). */
export function partnerFindings(db: Db, bundlePk: number): ExportFinding[] {
  const rows = db
    .prepare('SELECT finding_json FROM partner_findings WHERE bundle_pk = ? ORDER BY id')
    .all(bundlePk) as { finding_json: string }[]
  return rows.map((row) => (JSON.parse(row.finding_json) as StoredFinding).finding)
}

/** The partner's notes of one bundle. */
export function partnerNotes(db: Db, bundlePk: number): ExportNote[] {
  const rows = db
    .prepare('SELECT note_json FROM partner_notes WHERE bundle_pk = ? ORDER BY id')
    .all(bundlePk) as { note_json: string }[]
  return rows.map((row) => JSON.parse(row.note_json) as ExportNote)
}
