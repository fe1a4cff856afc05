import type { CoverageReason } from '../model/coverage'
import type { CoverageNote, FileScanResult, RuleHit } from '../scan/child/protocol'
import type { Db } from './open-case-db'
import { fileUpserter } from './files-repo'
import type { StoredDigests } from './files-repo'
import type { FileFacts } from './files-repo'

export type { FileFacts } from './files-repo'
import type { RecordedRuleSet } from './rules-repo'
import { ensureRule } from './rules-repo'
import { findingCopier, SAME_CONTENT_SOURCE_SQL } from './copy-findings'
import type { HashSetMatcher } from './known-bad'
import { RuleLifecycle } from './rule-lifecycle'
import type { LifecycleDecision } from './rule-lifecycle'

/** How a file's results were obtained (`scan_files.how`). */
export type ResultOrigin = 'scanned' | 'same-content' | 'unchanged' | 'known-good'

/** One processed file: its facts, what the scan process found, and extra coverage notes. */
export interface ProcessedFile {
  readonly facts: FileFacts
  readonly result: FileScanResult | null
  readonly notes: readonly CoverageNote[]
  /** Results linked from an earlier scan instead of YARA here (dedup). */
  readonly reuse?: {
    readonly how: 'same-content' | 'unchanged'
    readonly from: { readonly scanId: number; readonly fileId: number }
    readonly contentKey: string | null
    /** The file row as stored, when it already says what the walk saw (no write needed). */
    readonly stored?: StoredDigests | null
    /** False when the source has neither findings nor coverage notes (nothing to link). */
    readonly hasResults?: boolean
  }
  /** Image offset of a content offset (content read from image extents), for linked findings. */
  readonly imageOffset?: (offset: number) => number | null
}

/** A coverage entry that has no file row (a folder that could not be listed). */
export interface LooseCoverage {
  readonly evidenceId: number
  readonly path: string
  readonly reason: CoverageReason
  readonly detail: string
}

/** Totals a flush committed. */
export interface FlushTotals {
  readonly files: number
  readonly bytes: number
  readonly findings: number
  /** Evidence paths of every entry the batch committed (its identity, for crash tests). */
  readonly paths: readonly string[]
}

/** Score of a hit: its `score` meta clamped to 0–100, or 50 when absent. */
export function hitScore(meta: Readonly<Record<string, unknown>>): number {
  const raw = meta['score']
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' ? Number.parseInt(raw, 10) : Number.NaN
  return Number.isFinite(value) ? Math.max(0, Math.min(100, Math.round(value))) : 50
}

/**
 * The scan's single writer: buffers processed files and commits them in batches, each batch in
 * one synchronous transaction (file rows, checkpoint rows, findings, matches, coverage, counters).
 * A batch is all there or not there at all, whenever the process dies.
 */
export class ResultsWriter {
  private files: ProcessedFile[] = []
  private loose: LooseCoverage[] = []
  private readonly statements
  private readonly upsertFile: ReturnType<typeof fileUpserter>
  private readonly copyFindings: ReturnType<typeof findingCopier>

  constructor(
    private readonly db: Db,
    private readonly scanId: number,
    private readonly ruleSet: RecordedRuleSet,
    private readonly hashSets: HashSetMatcher | null = null,
    private readonly profileKey: string | null = null,
    /** The case's rule states and suppressions as the scan started (read here when not given). */
    readonly lifecycle: RuleLifecycle = new RuleLifecycle(db),
  ) {
    this.statements = prepare(db)
    this.upsertFile = fileUpserter(db)
    this.copyFindings = findingCopier(db)
  }

  /** Files and loose entries waiting to be committed. */
  get pending(): number {
    return this.files.length + this.loose.length
  }

  add(file: ProcessedFile): void {
    this.files.push(file)
  }

  addLoose(entry: LooseCoverage): void {
    this.loose.push(entry)
  }

  /** Commit everything buffered; returns what was committed. */
  flush(): FlushTotals {
    const files = this.files
    const loose = this.loose
    this.files = []
    this.loose = []
    return this.db
      .transaction(() => {
        let bytes = 0
        let findings = 0
        let atimeUnprotected = 0
        // Files scanned = content the scan went for (files, unallocated blocks), not folders or links.
        let scanned = 0
        for (const file of files) {
          findings += this.writeFile(file)
          if (file.facts.kind === 'file' || file.facts.kind === 'unallocated') scanned += 1
          bytes += file.result?.sizeBytes ?? (file.reuse ? file.facts.sizeBytes : 0)
          if (file.result && !file.result.atimeProtected) atimeUnprotected += 1
        }
        for (const entry of loose) {
          this.statements.looseCoverage.run({
            scan: this.scanId,
            evidence: entry.evidenceId,
            path: entry.path,
            reason: entry.reason,
            detail: entry.detail,
          })
        }
        this.statements.counters.run(
          scanned,
          bytes,
          findings,
          atimeUnprotected,
          new Date().toISOString(),
          this.scanId,
        )
        return { files: scanned, bytes, findings, paths: files.map((file) => file.facts.path) }
      })
      .immediate()
  }

  private writeFile(file: ProcessedFile): number {
    const { facts, result, reuse } = file
    const stored = reuse?.stored ?? this.upsertFile(facts, result)
    const fileId = stored.id
    const how: ResultOrigin = reuse?.how ?? result?.origin ?? 'scanned'
    const notes = [...(result?.coverage ?? []), ...file.notes]
    const from =
      reuse?.from ??
      (how === 'same-content' ? this.sameContentSource(result?.contentKey ?? null) : undefined)
    if (how === 'same-content' && from === undefined) {
      // Cannot happen while batches commit in order; never mark a file scanned without results.
      notes.push({
        reason: 'engine-error',
        detail: 'identical content was to be reused but its results were not found: scan again',
      })
    }
    const scanned = from !== undefined || (how === 'scanned' && result?.scanned === true) ? 1 : 0
    const contentKey = scanned === 1 ? (reuse?.contentKey ?? result?.contentKey ?? null) : null
    this.statements.scanFile.run(this.scanId, fileId, scanned, contentKey, how)
    for (const note of notes) {
      this.statements.coverage.run(
        this.scanId,
        facts.evidenceId,
        fileId,
        facts.path,
        note.reason,
        note.detail,
      )
    }
    let findings = 0
    for (const hit of result?.hits ?? []) findings += this.writeHit(fileId, stored.sha256, hit)
    const createdAt = new Date().toISOString()
    if (from !== undefined && reuse?.hasResults !== false) {
      findings += this.copyFindings(
        from,
        {
          scanId: this.scanId,
          fileId,
          evidenceId: facts.evidenceId,
          path: facts.path,
          imageOffset: file.imageOffset ?? (() => null),
        },
        createdAt,
        (rulePk) => this.lifecycle.decide(rulePk, stored.sha256),
      )
    }
    if (this.hashSets !== null && facts.kind === 'file') {
      for (const bad of this.hashSets.knownBad(stored)) {
        const decision = this.lifecycle.decide(bad.rulePk, stored.sha256)
        if (!decision.record) continue
        const row = this.statements.finding.get(
          this.scanId,
          fileId,
          bad.rulePk,
          bad.score,
          0,
          createdAt,
          ...lifecycleColumns(decision),
        )
        if (row !== undefined) findings += 1
      }
    }
    return findings
  }

  /** The earliest whole scan of content with this key under this profile (this batch too). */
  private sameContentSource(
    contentKey: string | null,
  ): { scanId: number; fileId: number } | undefined {
    if (contentKey === null || this.profileKey === null) return undefined
    return this.statements.sameContent.get(contentKey, this.profileKey) as
      { scanId: number; fileId: number } | undefined
  }

  private writeHit(fileId: number, sha256: string | null, hit: RuleHit): number {
    const score = hitScore(hit.meta)
    const rulePk = ensureRule(this.db, this.ruleSet, hit, score)
    const decision = this.lifecycle.decide(rulePk, sha256)
    if (!decision.record) return 0
    const inserted = this.statements.finding.get(
      this.scanId,
      fileId,
      rulePk,
      score,
      hit.matches.length,
      new Date().toISOString(),
      ...lifecycleColumns(decision),
    ) as { id: number } | undefined
    if (inserted === undefined) return 0
    for (const m of hit.matches) {
      this.statements.match.run(
        inserted.id,
        m.identifier,
        m.offset,
        m.length,
        Buffer.from(m.excerptHex, 'hex'),
        m.imageOffset ?? null,
      )
    }
    return 1
  }
}

/** `rule_state`, `suppression_id` and `triage_status` of a finding the lifecycle lets through. */
export function lifecycleColumns(
  decision: Extract<LifecycleDecision, { record: true }>,
): [string | null, number | null, string] {
  const triage = decision.suppressionId === null ? 'new' : 'false-positive'
  return [decision.ruleState, decision.suppressionId, triage]
}

function prepare(db: Db) {
  return {
    scanFile: db.prepare(
      `INSERT OR IGNORE INTO scan_files (scan_id, file_id, scanned, content_key, how)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    coverage: db.prepare(
      'INSERT INTO coverage (scan_id, evidence_id, file_id, path, reason, detail) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    sameContent: db.prepare(SAME_CONTENT_SOURCE_SQL),
    // Once per scan, path and reason: a resumed scan walks the unlistable folders again.
    looseCoverage: db.prepare(
      `INSERT INTO coverage (scan_id, evidence_id, file_id, path, reason, detail)
       SELECT @scan, @evidence, NULL, @path, @reason, @detail WHERE NOT EXISTS (
         SELECT 1 FROM coverage WHERE scan_id = @scan AND evidence_id = @evidence
           AND file_id IS NULL AND path = @path AND reason = @reason)`,
    ),
    finding: db.prepare(
      `INSERT INTO findings (scan_id, file_id, rule_pk, score, match_count, created_at,
         rule_state, suppression_id, triage_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (scan_id, file_id, rule_pk) DO NOTHING RETURNING id`,
    ),
    match: db.prepare(
      'INSERT INTO matches (finding_id, identifier, byte_offset, byte_length, excerpt, image_offset) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    counters: db.prepare(
      `UPDATE scans SET files_scanned = files_scanned + ?, bytes_scanned = bytes_scanned + ?,
         finding_count = finding_count + ?, atime_unprotected = atime_unprotected + ?, heartbeat_at = ?
       WHERE id = ?`,
    ),
  }
}
