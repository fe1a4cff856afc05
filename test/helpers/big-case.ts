/**
 * A real case file with a very large number of findings, for the workbench's e2e tests and
 * bench: created through the real case code (schema, migrations, audit chain), then filled with
 * evidence, three rule packs, files, one completed scan and N findings with their matches, tags
 * and notes — bulk-inserted with prepared statements in one transaction.
 *
 * Deterministic for a seed (the case's uuid and creation time aside). Some files are real files
 * in the evidence folder, so the hex view (`files:read`) can read their bytes; their findings
 * come first in the default order (score 100, lowest ids).
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { appendAudit } from '../../main/core/case/audit-log'
import { closeCase, createCase } from '../../main/core/case/case-file'
import { insertEvidence } from '../../main/core/case/evidence-repo'
import { addNote } from '../../main/core/case/notes-repo'
import type { Db } from '../../main/core/case/open-case-db'
import { finishScan, insertScan } from '../../main/core/case/scan-repo'
import type { TriageStatus } from '../../main/core/model/findings'
import { defaultScanLimits } from '../../main/core/scan/default-limits'
import type { GeneratedRule } from './big-case-data'
import {
  digest,
  generateRules,
  generateTime,
  PACKS,
  pick,
  ruleSource,
  seededRandom,
} from './big-case-data'
import type { InsertedFiles } from './big-case-files'
import { insertFiles } from './big-case-files'
import { RULE_NAME_PAYLOAD, TAG_PAYLOAD, TEXT_PAYLOADS } from './xss-payloads'

/** What to generate. */
export interface BigCaseOptions {
  readonly findings: number
  /** Files with findings (default: half the findings, at least the real files). */
  readonly files?: number
  /** Rules over three packs (default 150). */
  readonly rules?: number
  /** Real files written in the evidence folder (default 6). */
  readonly evidence?: number
  readonly seed: number
  /** Plant HTML/script payloads in names, rule meta, excerpts, notes and tags. */
  readonly hostile?: boolean
}

/** What was generated. */
export interface BigCase {
  readonly path: string
  readonly evidenceDir: string
  readonly caseName: string
  readonly examiner: string
  readonly counts: {
    readonly files: number
    readonly rules: number
    readonly findings: number
    readonly matches: number
    readonly tags: number
    readonly notes: number
  }
  /** Time spent in the bulk insert, in milliseconds. */
  readonly insertMs: number
  /** The real files on disk (relative paths as stored), with their row ids. */
  readonly realFiles: readonly { readonly fileId: number; readonly path: string }[]
  /** The rule of the first rows (score 100). */
  readonly topRuleName: string
  /** Names of all the rules, by rules.id - 1. */
  readonly ruleNames: readonly string[]
}

const EXAMINER = 'B. Bench'
const TAGS = ['ransomware', 'lateral-movement', 'persistence', 'exfiltration', 'credential-access']
const TRIAGE: readonly TriageStatus[] = ['needs-review', 'confirmed', 'false-positive', 'benign']

/** Generate the case `big.outpost` and its evidence folder `evidence/` under `dir`. */
export function makeBigCase(dir: string, options: BigCaseOptions): BigCase {
  const random = seededRandom(options.seed)
  const hostile = options.hostile === true
  const realCount = options.evidence ?? 6
  const fileCount = Math.max(options.files ?? Math.ceil(options.findings / 2), realCount, 1)
  const rules = generateRules(random, options.rules ?? 150)
  if (hostile) plantRulePayloads(rules)
  const evidenceDir = join(dir, 'evidence')
  mkdirSync(evidenceDir, { recursive: true })
  const path = join(dir, 'big.outpost')
  const caseName = hostile ? `Hostile case ${TEXT_PAYLOADS[4]}` : 'Operation Scale'
  const handle = createCase(path, { name: caseName, examiner: EXAMINER, appVersion: 'big-case' })
  const { db } = handle
  // A cache that holds the indexes being filled (the default 2 MB makes every insert page out).
  db.pragma('cache_size = -262144')
  const started = performance.now()
  let counts: BigCase['counts']
  let realFiles: { fileId: number; path: string }[] = []
  db.transaction(() => {
    const evidence = insertEvidence(db, {
      uuid: randomUUID(),
      label: 'laptop-alice (triage copy)',
      kind: 'folder',
      sourcePath: evidenceDir,
      sizeBytes: null,
      addedBy: EXAMINER,
    })
    appendAudit(db, handle.info.uuid, {
      actor: EXAMINER,
      action: 'evidence.added',
      subject: evidence.uuid,
      details: { label: evidence.label, kind: 'folder', sourcePath: evidenceDir },
    })
    const packIds = insertPacks(db, rules)
    const scanId = insertScan(db, {
      examiner: EXAMINER,
      appVersion: 'big-case',
      engine: 'yara-x',
      bindingPackage: '@litko/yara-x',
      bindingVersion: '0.7.2',
      ruleSetSha256: digest('sha256', rules.map((r) => r.source).join('')),
      ruleCount: rules.length,
      compilerOptions: {},
      limits: { ...defaultScanLimits(), processes: 2 },
      evidenceIds: [evidence.id],
      packIds,
    })
    appendAudit(db, handle.info.uuid, {
      actor: EXAMINER,
      action: 'scan.started',
      subject: String(scanId),
      details: { kind: 'scan', evidence: [{ id: evidence.id, label: evidence.label }] },
    })
    const files = insertFiles(
      db,
      random,
      evidence.id,
      evidenceDir,
      scanId,
      fileCount,
      realCount,
      hostile,
    )
    realFiles = files.real
    const written = insertFindings(db, random, scanId, files, rules, options.findings, hostile)
    db.prepare(
      'UPDATE scans SET files_scanned = ?, bytes_scanned = ?, finding_count = ? WHERE id = ?',
    ).run(fileCount, files.bytes, options.findings, scanId)
    db.prepare('UPDATE evidence SET file_count = ?, size_bytes = ? WHERE id = ?').run(
      fileCount,
      files.bytes,
      evidence.id,
    )
    finishScan(db, scanId, 'completed')
    counts = { files: fileCount, rules: rules.length, ...written, notes: 0 }
  }).immediate()
  const insertMs = performance.now() - started
  const notes = [
    hostile ? `${TEXT_PAYLOADS[4]}\n\n${TEXT_PAYLOADS[7]}` : 'Seen on the mail server too.',
    hostile ? `**bold** ${TEXT_PAYLOADS[0]}` : 'Check with the **owner** before closing.',
  ]
  notes.forEach((body, i) =>
    addNote(db, handle.info.uuid, { findingId: i + 1, author: EXAMINER, body, tlp: null }),
  )
  closeCase(handle)
  return {
    path,
    evidenceDir,
    caseName,
    examiner: EXAMINER,
    counts: { ...counts!, notes: notes.length },
    insertMs,
    realFiles,
    topRuleName: rules[0]?.name ?? '',
    ruleNames: rules.map((r) => r.name),
  }
}

function plantRulePayloads(rules: GeneratedRule[]): void {
  const first = rules[0]
  if (first === undefined) return
  const meta = {
    ...first.meta,
    description: TEXT_PAYLOADS[4],
    author: TEXT_PAYLOADS[0],
    reference: TEXT_PAYLOADS[6],
  }
  const strings = [
    ['$s1', TEXT_PAYLOADS[4]],
    ['$s2', TEXT_PAYLOADS[0]],
    ['$s3', TEXT_PAYLOADS[5]],
  ] as const
  rules[0] = {
    ...first,
    name: RULE_NAME_PAYLOAD,
    meta,
    strings,
    source: ruleSource('Hostile_Rule', meta, strings),
  }
}

function insertPacks(db: Db, rules: readonly GeneratedRule[]): number[] {
  const insertPack = db.prepare(
    `INSERT INTO rule_packs (name, version, origin, signed, manifest_sha256, namespace, source_path, recorded_at)
     VALUES (?, ?, 'local', 0, ?, ?, ?, ?)`,
  )
  const ids = PACKS.map((p) =>
    Number(
      insertPack.run(
        p.name,
        p.version,
        digest('sha256', `${p.name}@${p.version}`),
        p.namespace,
        `/opt/rules/${p.name}`,
        '2026-10-01T00:00:00.000Z',
      ).lastInsertRowid,
    ),
  )
  const insertRule = db.prepare(
    `INSERT INTO rules (id, pack_id, rule_id, name, namespace, file, logic_hash, score, tags_json, meta_json, source)
     VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  rules.forEach((r, i) => {
    insertRule.run(
      i + 1,
      ids[r.pack],
      r.name,
      r.namespace,
      `${r.namespace}.yar`,
      digest('sha256', r.source),
      r.score,
      JSON.stringify(r.tags),
      JSON.stringify(r.meta),
      r.source,
    )
  })
  return ids
}

function insertFindings(
  db: Db,
  random: () => number,
  scanId: number,
  files: InsertedFiles,
  rules: readonly GeneratedRule[],
  count: number,
  hostile: boolean,
): { findings: number; matches: number; tags: number } {
  const fileCount = files.sizes.length
  const finding = db.prepare(
    `INSERT INTO findings (id, scan_id, file_id, rule_pk, score, triage_status, match_count, created_at, tlp, rule_state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active')`,
  )
  const match = db.prepare(
    `INSERT INTO matches (finding_id, identifier, byte_offset, byte_length, excerpt) VALUES (?, ?, ?, ?, ?)`,
  )
  const tag = db.prepare(
    `INSERT INTO finding_tags (finding_id, tag, added_at, added_by) VALUES (?, ?, ?, ?)`,
  )
  const bases: number[] = []
  let matches = 0
  let tags = 0
  for (let i = 0; i < count; i += 1) {
    const fileIndex = i % fileCount
    const nth = Math.floor(i / fileCount)
    // Each file's findings are distinct rules: base + nth (the real files' first is rule 0).
    if (nth === 0) {
      const skewed = random() < 0.5 ? Math.pow(random(), 2) : random()
      bases[fileIndex] = fileIndex < files.real.length ? 0 : Math.floor(skewed * rules.length)
    }
    const ruleIndex = ((bases[fileIndex] ?? 0) + nth) % rules.length
    const rule = rules[ruleIndex] as GeneratedRule
    const real = fileIndex < files.real.length && nth === 0
    const n = real ? 3 : 1 + Math.floor(random() * 3)
    const triage = random() < 0.85 ? 'new' : pick(random, TRIAGE)
    const tlp = random() < 0.02 ? pick(random, ['red', 'green', 'clear']) : null
    finding.run(
      i + 1,
      scanId,
      fileIndex + 1,
      ruleIndex + 1,
      rule.score,
      triage,
      n,
      generateTime(random),
      tlp,
    )
    const size = files.sizes[fileIndex] ?? 0
    for (let m = 0; m < n; m += 1) {
      const [identifier, text] = rule.strings[m] ?? rule.strings[0]!
      const excerpt = Buffer.from(text, 'utf8')
      const offset = real
        ? (files.realOffsets[m] ?? 0)
        : Math.floor(random() * Math.max(1, size - excerpt.length))
      match.run(i + 1, identifier, offset, excerpt.length, excerpt)
      matches += 1
    }
    if (random() < 0.04 || (hostile && i === 0)) {
      const chosen = hostile && i === 0 ? [TAG_PAYLOAD, 'ransomware'] : [pick(random, TAGS)]
      for (const t of chosen) {
        tag.run(i + 1, t, '2026-11-01T10:00:00.000Z', EXAMINER)
        tags += 1
      }
    }
  }
  return { findings: count, matches, tags }
}
