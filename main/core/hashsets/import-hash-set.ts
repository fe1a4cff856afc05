import { statSync } from 'node:fs'
import { basename, extname, resolve } from 'node:path'
import { appendAudit } from '../case/audit-log'
import type { Db } from '../case/open-case-db'
import { AppError } from '../model/errors'
import type { HashAlgo, HashSetFormat, HashSetPurpose, HashSetSource } from './hash-set-types'
import { deleteHashSetRows, findImportedSet, PENDING_ENTRY_COUNT } from './hash-set-repo'
import { recordKnownBadRule } from './known-bad-rule'
import type { EntryCounts } from './entry-writer'
import { insertEntries } from './entry-writer'
import { openHashSetSource, sha256File } from './open-hash-set-source'

/** What to import. */
export interface ImportHashSetOptions {
  /** A hash list, an NSRL RDS v3 `.db`, or a report bundle (zip, folder or bundle.json). */
  readonly path: string
  readonly purpose: HashSetPurpose
  /** Shown in lists and in the known-bad rule's name; defaults to the source's file name. */
  readonly name?: string | undefined
  readonly examiner: string
  /** Score of findings from a known-bad set (0–100, default {@link DEFAULT_KNOWN_BAD_SCORE}). */
  readonly score?: number | undefined
  /**
   * Algorithms to keep (default: all for lists and bundles, SHA-256 only for NSRL RDS v3 — see
   * `RDS_DEFAULT_ALGOS`). Entries of other algorithms are skipped, not counted as bad.
   */
  readonly algos?: readonly HashAlgo[] | undefined
  /** Called after each committed batch. */
  readonly onProgress?: ((progress: { records: number; stored: number }) => void) | undefined
}

/** What an import did. */
export interface HashSetImportSummary {
  readonly setId: number
  readonly name: string
  readonly purpose: HashSetPurpose
  readonly format: HashSetFormat
  readonly sourceName: string
  readonly sourceSha256: string
  /** Lines / rows / file objects read (comments and blank lines excluded). */
  readonly records: number
  /** Distinct entries stored, and per algorithm. */
  readonly entries: number
  readonly byAlgo: Readonly<Record<HashAlgo, number>>
  /** Digests read more than once in this source (stored once). */
  readonly duplicates: number
  readonly badLines: number
  readonly firstBad: readonly { line: number; reason: string; text: string }[]
  /** The pseudo rule of a known-bad set. */
  readonly rulePk: number | null
  /** e.g. the RDS release, or that a bundle's signature was not verified. */
  readonly note: string | null
  readonly seconds: number
}

/** Score of a known-bad hash match unless the import says otherwise. */
export const DEFAULT_KNOWN_BAD_SCORE = 75

/**
 * Import a hash set into the case: detect the format, stream the entries in ~10k-row
 * transactions, and then, in one transaction, enable the set, record a pseudo rule for a
 * known-bad set and append `hashset.imported` to the audit log. A failed import leaves nothing.
 *
 * @throws AppError `INVALID_INPUT` for an unreadable format, a source without a valid digest,
 *   or a source already imported for this purpose (details name the existing set);
 *   `PATH_NOT_FOUND` / `PATH_UNREADABLE` for the path.
 */
export async function importHashSet(
  db: Db,
  caseUuid: string,
  options: ImportHashSetOptions,
): Promise<HashSetImportSummary> {
  const started = performance.now()
  const score = checkScore(options.score)
  const path = resolve(options.path)
  const source = openHashSetSource(path, options.algos)
  try {
    const stamp = fileStamp(source.identityPath)
    const sourceSha256 = await sha256File(source.identityPath)
    const sourceName = basename(path)
    const name = options.name?.trim() || basename(sourceName, extname(sourceName))
    claimSource(db, sourceSha256, options.purpose)
    const setId = insertPendingSet(db, {
      ...options,
      name,
      sourceName,
      sourceSha256,
      format: source.format,
    })
    try {
      const counts = await insertEntries(db, setId, source, options)
      if (counts.stored === 0) throw noDigestError(path, source)
      if (fileStamp(source.identityPath) !== stamp) {
        throw new AppError(
          'INVALID_INPUT',
          `${basename(path)} changed while it was imported; nothing was imported. Try again.`,
        )
      }
      const rulePk = finish(db, caseUuid, {
        setId,
        name,
        sourceName,
        sourceSha256,
        score,
        source,
        counts,
        examiner: options.examiner,
        purpose: options.purpose,
      })
      return {
        setId,
        name,
        purpose: options.purpose,
        format: source.format,
        sourceName,
        sourceSha256,
        records: source.report.records,
        entries: counts.stored,
        byAlgo: counts.byAlgo,
        duplicates: counts.read - counts.stored + source.report.duplicates,
        badLines: source.report.badLines,
        firstBad: source.report.firstBad,
        rulePk,
        note: source.note,
        seconds: (performance.now() - started) / 1000,
      }
    } catch (error: unknown) {
      deleteHashSetRows(db, setId)
      throw error
    }
  } finally {
    source.close()
  }
}

/**
 * Size and modification time: the source is read twice (hashed, then parsed), so a change in
 * between would give a set whose recorded SHA-256 is not that of what was imported.
 */
function fileStamp(path: string): string {
  const stats = statSync(path, { bigint: true })
  return `${stats.size}:${stats.mtimeNs}`
}

function checkScore(score: number | undefined): number {
  if (score === undefined) return DEFAULT_KNOWN_BAD_SCORE
  if (!Number.isInteger(score) || score < 0 || score > 100) {
    throw new AppError('INVALID_INPUT', 'A hash set score must be a whole number from 0 to 100.')
  }
  return score
}

/** Refuse a source imported before for this purpose; clear away one whose import was cut off. */
function claimSource(db: Db, sourceSha256: string, purpose: HashSetPurpose): void {
  const existing = findImportedSet(db, sourceSha256, purpose)
  if (existing === undefined) return
  if (existing.entryCount === PENDING_ENTRY_COUNT) {
    deleteHashSetRows(db, existing.id)
    return
  }
  throw new AppError(
    'INVALID_INPUT',
    `This source was already imported as ${purpose} hash set ${existing.id} "${existing.name}" ` +
      `(${existing.entryCount} entries, ${existing.importedAt}); it was not imported again.`,
    { details: { conflict: 'hash-set-exists', existingSetId: existing.id, name: existing.name } },
  )
}

function insertPendingSet(
  db: Db,
  set: ImportHashSetOptions & {
    name: string
    sourceName: string
    sourceSha256: string
    format: HashSetFormat
  },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO hash_sets (name, purpose, format, source_name, source_sha256, entry_count, imported_at, imported_by, enabled)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(
        set.name,
        set.purpose,
        set.format,
        set.sourceName,
        set.sourceSha256,
        PENDING_ENTRY_COUNT,
        new Date().toISOString(),
        set.examiner,
      ).lastInsertRowid,
  )
}

function noDigestError(path: string, source: HashSetSource): AppError {
  const { records, badLines, firstBad } = source.report
  const first = firstBad[0]
  const example = first === undefined ? '' : ` First problem: line ${first.line}: ${first.reason}.`
  return new AppError(
    'INVALID_INPUT',
    `${basename(path)} holds no valid MD5, SHA-1 or SHA-256 digest (${records} records read, ` +
      `${badLines} unusable).${example}`,
    { details: { records, badLines, firstBad } },
  )
}

interface FinishInput {
  readonly setId: number
  readonly name: string
  readonly sourceName: string
  readonly sourceSha256: string
  readonly score: number
  readonly source: HashSetSource
  readonly counts: EntryCounts
  readonly examiner: string
  readonly purpose: HashSetPurpose
}

function finish(db: Db, caseUuid: string, input: FinishInput): number | null {
  const now = new Date()
  const { source, counts } = input
  return db
    .transaction(() => {
      const rulePk =
        input.purpose === 'known-bad'
          ? recordKnownBadRule(db, { ...input, format: source.format, note: source.note }, now)
          : null
      db.prepare(
        'UPDATE hash_sets SET entry_count = ?, enabled = 1, rule_pk = ?, imported_at = ? WHERE id = ?',
      ).run(counts.stored, rulePk, now.toISOString(), input.setId)
      appendAudit(
        db,
        caseUuid,
        {
          actor: input.examiner,
          action: 'hashset.imported',
          subject: String(input.setId),
          details: {
            name: input.name,
            purpose: input.purpose,
            format: source.format,
            source: input.sourceName,
            sourceSha256: input.sourceSha256,
            records: source.report.records,
            entries: counts.stored,
            byAlgo: counts.byAlgo,
            duplicates: counts.read - counts.stored + source.report.duplicates,
            badLines: source.report.badLines,
            rulePk,
            ...(source.format === 'bundle' ? { signatureVerified: false } : {}),
            note: source.note,
          },
        },
        now,
      )
      return rulePk
    })
    .immediate()
}
