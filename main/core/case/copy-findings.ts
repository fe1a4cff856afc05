import type { Db } from './open-case-db'
import type { LifecycleDecision } from './rule-lifecycle'

/**
 * The earliest whole YARA scan of content with a dedup key (`?1`) under a scan profile (`?2`):
 * the source whose results identical content reuses. The scan process asks it before YARA (on
 * its read-only connection), the writer again to link (it sees its own batch too).
 */
export const SAME_CONTENT_SOURCE_SQL = `SELECT sf.scan_id AS scanId, sf.file_id AS fileId FROM scan_files sf
    JOIN scans s ON s.id = sf.scan_id
  WHERE sf.content_key = ? AND s.profile_key = ? AND sf.scanned = 1 AND sf.how = 'scanned'
  ORDER BY sf.scan_id, sf.file_id LIMIT 1`

/** Where copied results go. */
export interface CopyTarget {
  readonly scanId: number
  readonly fileId: number
  readonly evidenceId: number
  readonly path: string
  /** Image offset of a content offset of the target file (null: a host file, or a hole). */
  readonly imageOffset: (offset: number) => number | null
}

/**
 * Link an earlier scan's results for identical content to another file (or to the same file in
 * a new scan): its rule findings with their matches, and its coverage notes (block mode, …).
 * Findings of hash sets are not copied: the writer looks hashes up again for every scan, so a
 * set added or disabled since is honoured. Returns the findings written.
 */
export function findingCopier(
  db: Db,
): (
  from: { scanId: number; fileId: number },
  to: CopyTarget,
  createdAt: string,
  decide?: (rulePk: number) => LifecycleDecision,
) => number {
  const findings = db.prepare(
    `SELECT f.id, f.rule_pk AS rulePk, f.score, f.match_count AS matchCount FROM findings f
     WHERE f.scan_id = ? AND f.file_id = ?
       AND NOT EXISTS (SELECT 1 FROM hash_sets h WHERE h.rule_pk = f.rule_pk)
     ORDER BY f.id`,
  )
  const matches = db.prepare(
    `SELECT identifier, byte_offset AS offset, byte_length AS length, excerpt
     FROM matches WHERE finding_id = ? ORDER BY id`,
  )
  const coverage = db.prepare(
    'SELECT reason, detail FROM coverage WHERE scan_id = ? AND file_id = ? ORDER BY id',
  )
  const insertFinding = db.prepare(
    `INSERT INTO findings (scan_id, file_id, rule_pk, score, match_count, created_at,
       rule_state, suppression_id, triage_status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scan_id, file_id, rule_pk) DO NOTHING RETURNING id`,
  )
  const insertMatch = db.prepare(
    `INSERT INTO matches (finding_id, identifier, byte_offset, byte_length, excerpt, image_offset)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const insertCoverage = db.prepare(
    `INSERT INTO coverage (scan_id, evidence_id, file_id, path, reason, detail)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  // The target's own rule states and suppressions apply, not the source's (they may have changed).
  return (from, to, createdAt, decide) => {
    let written = 0
    const rows = findings.all(from.scanId, from.fileId) as {
      id: number
      rulePk: number
      score: number
      matchCount: number
    }[]
    for (const row of rows) {
      const decision = decide?.(row.rulePk) ?? PLAIN
      if (!decision.record) continue
      const suppressed = decision.suppressionId !== null
      const inserted = insertFinding.get(
        to.scanId,
        to.fileId,
        row.rulePk,
        row.score,
        row.matchCount,
        createdAt,
        decision.ruleState,
        decision.suppressionId,
        suppressed ? 'false-positive' : 'new',
      ) as { id: number } | undefined
      if (inserted === undefined) continue
      written += 1
      for (const m of matches.all(row.id) as {
        identifier: string
        offset: number
        length: number
        excerpt: Buffer
      }[]) {
        insertMatch.run(
          inserted.id,
          m.identifier,
          m.offset,
          m.length,
          m.excerpt,
          to.imageOffset(m.offset),
        )
      }
    }
    const notes = coverage.all(from.scanId, from.fileId) as { reason: string; detail: string }[]
    for (const note of notes) {
      insertCoverage.run(to.scanId, to.evidenceId, to.fileId, to.path, note.reason, note.detail)
    }
    return written
  }
}

const PLAIN: LifecycleDecision = { record: true, ruleState: null, suppressionId: null }

/** Content offset → image offset through data runs (`[offset | null, length]`, in order). */
export function offsetThroughRuns(
  runs: readonly (readonly [number | null, number])[],
  offset: number,
): number | null {
  let start = 0
  for (const [at, length] of runs) {
    if (offset < start + length) return at === null ? null : at + (offset - start)
    start += length
  }
  return null
}
