import { appendAudit } from '../../case/audit-log'
import type { Db } from '../../case/open-case-db'
import { AppError } from '../../model/errors'
import type { ImportResult, VerificationView } from '../../model/sharing'
import type { ExportEvidence, ExportFinding } from '../export-model'
import { readStixBundle } from '../stix/read-stix-bundle'
import type { PartnerStix } from '../stix/read-stix-bundle'
import { getPartnerBundle } from './partner-repo'
import type { BundleVerification, VerifiedBundle } from './verify-bundle'

/** The view of a verification for the UI, the CLI and the audit log. */
export function verificationView(verification: BundleVerification): VerificationView {
  const { manifest } = verification
  return {
    fileName: verification.fileName,
    zipSha256: verification.zipSha256,
    bundleId: manifest.bundle_id,
    created: manifest.created,
    tlp: manifest.tlp,
    caseName: manifest.case.name,
    signer: verification.signer,
    outerSignature: verification.outerSignature,
    checks: verification.checks,
    counts: {
      findings: manifest.counts.findings,
      rules: manifest.counts.rules,
      evidence: manifest.counts.evidence,
    },
  }
}

/** Record a verification in the case's audit log. */
export function auditVerification(
  db: Db,
  caseUuid: string,
  actor: string,
  view: VerificationView,
): void {
  appendAudit(db, caseUuid, {
    actor,
    action: 'share.verified',
    subject: view.fileName,
    details: {
      bundleId: view.bundleId,
      zipSha256: view.zipSha256,
      signer: { keyId: view.signer.keyId, status: view.signer.status, org: view.signer.org },
      outerSignature: view.outerSignature,
    },
  })
}

/**
 * Import a verified bundle into the case: the partner's findings, rules and notes as they sent
 * them (read-only tables), with the verification, all in one transaction with its audit entry.
 * The STIX bundle is parsed only here, after every signature and hash checked out.
 *
 * Importing the same bundle again adds nothing and says so.
 *
 * @throws AppError `BUNDLE_INVALID` when the STIX content is malformed.
 */
export function importVerifiedBundle(
  db: Db,
  caseUuid: string,
  actor: string,
  verified: VerifiedBundle,
  now = new Date(),
  onProgress: ImportProgress = () => undefined,
): ImportResult {
  const { verification } = verified
  const { manifest } = verification
  const view = verificationView(verification)
  const existing = db
    .prepare('SELECT id FROM partner_bundles WHERE bundle_id = ? AND manifest_sha256 = ?')
    .get(manifest.bundle_id, verification.manifestSha256) as { id: number } | undefined
  if (existing !== undefined) {
    return { bundle: requireBundle(db, existing.id), verification: view, alreadyImported: true }
  }
  onProgress('reading the STIX bundle', 0, null)
  const stix = readStixBundle(JSON.parse(verified.member('stix/bundle.json').toString('utf8')))
  if (stix.bundleId !== manifest.bundle_id) {
    throw new AppError(
      'BUNDLE_INVALID',
      'The STIX bundle belongs to another export than the manifest.',
    )
  }
  const id = db.transaction(() => {
    const bundlePk = insertBundle(db, verification, view, stix, actor, now)
    insertContent(db, bundlePk, stix, onProgress)
    appendAudit(
      db,
      caseUuid,
      {
        actor,
        action: 'share.imported',
        subject: verification.fileName,
        details: {
          bundleId: manifest.bundle_id,
          zipSha256: verification.zipSha256,
          manifestSha256: verification.manifestSha256,
          signer: view.signer,
          findings: stix.findings.length,
          rules: stix.rules.length,
        },
      },
      now,
    )
    return bundlePk
  })()
  return { bundle: requireBundle(db, id), verification: view, alreadyImported: false }
}

/**
 * Hears the import's steps; a background task checks for a cancel here, and a throw rolls the
 * whole import back (it runs in one transaction).
 */
export type ImportProgress = (phase: string, done: number, total: number | null) => void

/** How many rows go in between two progress reports (and cancel checks). */
const ROWS_PER_REPORT = 250

function requireBundle(db: Db, id: number): ImportResult['bundle'] {
  const bundle = getPartnerBundle(db, id)
  if (bundle === undefined) throw new AppError('NOT_FOUND', `There is no partner bundle ${id}.`)
  return bundle
}

function insertBundle(
  db: Db,
  verification: BundleVerification,
  view: VerificationView,
  stix: PartnerStix,
  actor: string,
  now: Date,
): number {
  const { manifest } = verification
  return Number(
    db
      .prepare(
        `INSERT INTO partner_bundles (bundle_id, manifest_sha256, source_name, producer_org,
           producer_key_id, signer_status, tlp, created, case_name, report_name, imported_at,
           imported_by, verification_json, manifest_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        manifest.bundle_id,
        verification.manifestSha256,
        verification.fileName,
        manifest.producer.org,
        verification.signer.keyId,
        verification.signer.status,
        manifest.tlp,
        manifest.created,
        manifest.case.name,
        stix.reportName ?? manifest.case.name,
        now.toISOString(),
        actor,
        JSON.stringify(view),
        JSON.stringify(manifest),
      ).lastInsertRowid,
  )
}

function insertContent(
  db: Db,
  bundlePk: number,
  stix: PartnerStix,
  onProgress: ImportProgress,
): void {
  onProgress('importing rules', 0, stix.rules.length)
  const insertRule = db.prepare(
    `INSERT OR IGNORE INTO partner_rules (bundle_pk, indicator_uuid, name, namespace, pack_name,
       pack_version, pack_sha256, score, description, author, source, rule_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const rule of stix.rules) {
    insertRule.run(
      bundlePk,
      rule.indicatorUuid,
      rule.name,
      rule.namespace,
      rule.packName,
      rule.packVersion,
      rule.packSha256,
      rule.score,
      rule.description,
      rule.author,
      rule.source,
      JSON.stringify(rule),
    )
  }
  const evidence = new Map(stix.evidence.map((e) => [e.uuid, e]))
  const insertFinding = db.prepare(
    `INSERT OR IGNORE INTO partner_findings (bundle_pk, finding_uuid, rule_key, evidence_label, path,
       sha256, score, triage_status, tlp, seen_at, match_count, finding_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const [index, finding] of stix.findings.entries()) {
    if (index % ROWS_PER_REPORT === 0) onProgress('importing findings', index, stix.findings.length)
    insertFinding.run(
      bundlePk,
      finding.uuid,
      finding.ruleKey,
      evidenceLabel(evidence, finding),
      finding.file.path,
      finding.file.sha256,
      finding.score,
      finding.triageStatus,
      finding.tlp,
      finding.seenAt,
      finding.matchCount,
      JSON.stringify({ finding, evidence: evidence.get(finding.evidenceUuid) ?? null }),
    )
  }
  const insertNote = db.prepare(
    'INSERT INTO partner_notes (bundle_pk, finding_uuid, note_json) VALUES (?, ?, ?)',
  )
  onProgress('importing notes', stix.findings.length, stix.findings.length)
  for (const note of stix.notes) insertNote.run(bundlePk, note.findingUuid, JSON.stringify(note))
}

function evidenceLabel(
  evidence: ReadonlyMap<string, ExportEvidence>,
  finding: ExportFinding,
): string {
  return evidence.get(finding.evidenceUuid)?.label ?? '(unknown evidence)'
}
