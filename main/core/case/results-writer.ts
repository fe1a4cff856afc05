import type { CoverageReason } from '../model/coverage'
import type { FileTimes } from '../model/findings'
import type { CoverageNote, FileScanResult, RuleHit } from '../scan/child/protocol'
import type { Db } from './open-case-db'
import type { RecordedRuleSet } from './rules-repo'
import { ensureRule } from './rules-repo'

/** What the walker knew about a file before it was read. */
export interface FileFacts {
  readonly evidenceId: number
  /** Unique within the evidence: the relative path for a folder, `<fs id>:<entry id>` in an image. */
  readonly entryKey: string
  readonly path: string
  readonly name: string
  readonly kind: 'file' | 'directory' | 'symlink' | 'special' | 'unallocated'
  readonly linkTarget: string | null
  readonly sizeBytes: number
  readonly inode: string | null
  readonly mode: number | null
  readonly owner: string | null
  readonly times: FileTimes
  /** Images: where the entry lives and what state it is in. */
  readonly image?: {
    readonly volumeId: number | null
    readonly filesystemId: number | null
    readonly deleted: boolean
    readonly recoverable: boolean
    /** Offset of the first byte in the image (null when the content starts with a hole). */
    readonly imageOffset: number | null
    /** Data runs in image offsets, `[offset | null, length][]`. */
    readonly runs: readonly (readonly [number | null, number])[]
    readonly timeNote: string | null
    readonly flags: readonly string[]
  }
}

/** One processed file: its facts, what the scan process found, and extra coverage notes. */
export interface ProcessedFile {
  readonly facts: FileFacts
  readonly result: FileScanResult | null
  readonly notes: readonly CoverageNote[]
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

  constructor(
    private readonly db: Db,
    private readonly scanId: number,
    private readonly ruleSet: RecordedRuleSet,
  ) {
    this.statements = prepare(db)
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
        for (const file of files) {
          findings += this.writeFile(file)
          bytes += file.result?.sizeBytes ?? 0
          if (file.result && !file.result.atimeProtected) atimeUnprotected += 1
        }
        for (const entry of loose) {
          this.statements.coverage.run(
            this.scanId,
            entry.evidenceId,
            null,
            entry.path,
            entry.reason,
            entry.detail,
          )
        }
        this.statements.counters.run(
          files.length,
          bytes,
          findings,
          atimeUnprotected,
          new Date().toISOString(),
          this.scanId,
        )
        return { files: files.length, bytes, findings }
      })
      .immediate()
  }

  private writeFile(file: ProcessedFile): number {
    const { facts, result } = file
    const image = facts.image
    const fileId = (
      this.statements.upsertFile.get({
        evidence_id: facts.evidenceId,
        entry_key: facts.entryKey,
        filesystem_id: image?.filesystemId ?? null,
        volume_id: image?.volumeId ?? null,
        deleted: image?.deleted === true ? 1 : 0,
        recoverable: image?.recoverable === false ? 0 : 1,
        image_offset: image?.imageOffset ?? null,
        runs_json: image ? JSON.stringify(image.runs) : null,
        time_note: image?.timeNote ?? null,
        flags: image && image.flags.length > 0 ? image.flags.join(',') : null,
        path: facts.path,
        name: facts.name,
        kind: facts.kind,
        link_target: facts.linkTarget,
        size_bytes: result?.sizeBytes ?? facts.sizeBytes,
        inode: facts.inode,
        mode: facts.mode,
        owner: facts.owner,
        modified_at: facts.times.modified,
        accessed_at: facts.times.accessed,
        changed_at: facts.times.changed,
        born_at: facts.times.born,
        md5: result?.md5 ?? null,
        sha1: result?.sha1 ?? null,
        sha256: result?.sha256 ?? null,
        mime: result?.mime ?? null,
        file_type: result ? result.fileType : null,
        entropy: result?.entropy ?? null,
      }) as { id: number }
    ).id
    this.statements.scanFile.run(this.scanId, fileId, result?.scanned === true ? 1 : 0)
    for (const note of [...(result?.coverage ?? []), ...file.notes]) {
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
    for (const hit of result?.hits ?? []) findings += this.writeHit(fileId, hit)
    return findings
  }

  private writeHit(fileId: number, hit: RuleHit): number {
    const score = hitScore(hit.meta)
    const rulePk = ensureRule(this.db, this.ruleSet, hit, score)
    const inserted = this.statements.finding.get(
      this.scanId,
      fileId,
      rulePk,
      score,
      hit.matches.length,
      new Date().toISOString(),
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

function prepare(db: Db) {
  return {
    upsertFile: db.prepare(
      `INSERT INTO files (evidence_id, entry_key, filesystem_id, volume_id, deleted, recoverable,
         image_offset, runs_json, time_note, flags, path, name, kind, link_target, size_bytes, inode,
         mode, owner, modified_at, accessed_at, changed_at, born_at, md5, sha1, sha256, mime,
         file_type, entropy)
       VALUES (@evidence_id, @entry_key, @filesystem_id, @volume_id, @deleted, @recoverable,
         @image_offset, @runs_json, @time_note, @flags, @path, @name, @kind, @link_target, @size_bytes,
         @inode, @mode, @owner, @modified_at, @accessed_at, @changed_at, @born_at, @md5, @sha1,
         @sha256, @mime, @file_type, @entropy)
       ON CONFLICT (evidence_id, entry_key) DO UPDATE SET
         kind = excluded.kind, link_target = excluded.link_target, size_bytes = excluded.size_bytes,
         inode = excluded.inode, mode = excluded.mode, owner = excluded.owner,
         modified_at = excluded.modified_at, accessed_at = excluded.accessed_at,
         changed_at = excluded.changed_at, born_at = excluded.born_at,
         md5 = coalesce(excluded.md5, files.md5), sha1 = coalesce(excluded.sha1, files.sha1),
         sha256 = coalesce(excluded.sha256, files.sha256), mime = coalesce(excluded.mime, files.mime),
         file_type = coalesce(excluded.file_type, files.file_type), entropy = coalesce(excluded.entropy, files.entropy)
       RETURNING id`,
    ),
    scanFile: db.prepare(
      'INSERT OR IGNORE INTO scan_files (scan_id, file_id, scanned) VALUES (?, ?, ?)',
    ),
    coverage: db.prepare(
      'INSERT INTO coverage (scan_id, evidence_id, file_id, path, reason, detail) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    finding: db.prepare(
      `INSERT INTO findings (scan_id, file_id, rule_pk, score, match_count, created_at) VALUES (?, ?, ?, ?, ?, ?)
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
