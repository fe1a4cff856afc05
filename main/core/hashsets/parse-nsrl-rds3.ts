import Database from 'better-sqlite3'
import { AppError } from '../model/errors'
import type { HashAlgo, HashSetEntry, HashSetSource, ParseReport } from './hash-set-types'
import { BATCH_SIZE, HASH_ALGOS, newReport, noteBadLine } from './hash-set-types'
import { digestBytes } from './hex-digest'

const REQUIRED_FILE_COLUMNS = ['sha256', 'sha1', 'md5', 'file_name']

/**
 * What an RDS import keeps unless told otherwise: SHA-256 only. Every RDS v3 row carries all
 * three digests and the scan computes all three for every file, so the MD5 and SHA-1 entries
 * would match exactly the same files while tripling the rows (and the import time), and a
 * known-good match on SHA-256 is the one a collision cannot fake.
 */
export const RDS_DEFAULT_ALGOS: readonly HashAlgo[] = ['sha256']

/**
 * Open an NSRL RDS v3 database (the SQLite publication NIST ships since 2022) for streaming.
 *
 * RDS v3 keeps one row per (file, package) in `FILE(sha256, sha1, md5, crc32, file_name,
 * file_size, package_id)` — a table in the "minimal" builds, a view over `METADATA` in the full
 * ones — and its release in `VERSION(version, build_set, build_date, release_date,
 * description)`. Both are required; the file is opened read-only and never changed. The same
 * hashes recur once per package; each distinct digest of `algos` becomes one entry.
 *
 * @throws AppError `INVALID_INPUT` when the database is not RDS v3, `PATH_UNREADABLE` when
 *   SQLite cannot open it.
 */
export function openNsrlRds3(
  path: string,
  algos: readonly HashAlgo[] = RDS_DEFAULT_ALGOS,
): HashSetSource {
  const db = openReadOnly(path)
  try {
    assertRds3(db, path)
  } catch (error: unknown) {
    db.close()
    throw error
  }
  const report = newReport()
  return {
    format: 'nsrl-rds3',
    identityPath: path,
    note: rdsVersion(db),
    report,
    batches: () => rdsBatches(db, report, algos),
    close: () => {
      if (db.open) db.close()
    },
  }
}

function openReadOnly(path: string): Database.Database {
  try {
    return new Database(path, { readonly: true, fileMustExist: true })
  } catch (error: unknown) {
    throw new AppError('PATH_UNREADABLE', `Cannot open ${path} as a SQLite database.`, {
      cause: error,
    })
  }
}

function assertRds3(db: Database.Database, path: string): void {
  const notRds = (why: string): AppError =>
    new AppError(
      'INVALID_INPUT',
      `${path} is a SQLite database but not an NSRL RDS v3 publication (${why}). ` +
        'Import the RDS v3 .db file itself (e.g. RDS_2024.03.1_modern_minimal.db).',
    )
  let objects: { name: string }[]
  try {
    objects = db
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
      .all() as { name: string }[]
  } catch (error: unknown) {
    throw new AppError('INVALID_INPUT', `${path} is not a readable SQLite database.`, {
      cause: error,
    })
  }
  const names = new Set(objects.map((o) => o.name.toUpperCase()))
  if (!names.has('FILE')) throw notRds('it has no FILE table')
  if (!names.has('VERSION')) throw notRds('it has no VERSION table')
  const columns = new Set(
    (db.prepare('SELECT name FROM pragma_table_info(?)').all('FILE') as { name: string }[]).map(
      (c) => c.name.toLowerCase(),
    ),
  )
  const missing = REQUIRED_FILE_COLUMNS.filter((c) => !columns.has(c))
  if (missing.length > 0) throw notRds(`its FILE table lacks ${missing.join(', ')}`)
}

/** The release the database says it is, e.g. `RDS 2024.03.1 (modern minimal)`. */
function rdsVersion(db: Database.Database): string | null {
  try {
    const row = db.prepare('SELECT * FROM VERSION LIMIT 1').get() as
      Record<string, unknown> | undefined
    if (row === undefined) return null
    const version = typeof row['version'] === 'string' ? row['version'] : '?'
    const set = typeof row['build_set'] === 'string' ? ` ${row['build_set']}` : ''
    const description = typeof row['description'] === 'string' ? ` (${row['description']})` : ''
    return `NSRL RDS ${version}${set}${description}`
  } catch {
    return null
  }
}

/**
 * One pass per algorithm, each in digest order: the entries then reach the case's
 * (algo, digest) B-tree in key order, so a 10k-row batch dirties a few hundred pages instead of
 * ~one page per row (random order), and the rows repeated once per package are skipped here.
 * `ORDER BY sha256` walks NIST's primary-key index; the other two use SQLite's external sorter
 * (temporary files, bounded memory).
 */
function* rdsBatches(
  db: Database.Database,
  report: ParseReport,
  algos: readonly HashAlgo[],
): Generator<readonly HashSetEntry[]> {
  let batch: HashSetEntry[] = []
  for (const [pass, algo] of HASH_ALGOS.filter((a) => algos.includes(a)).entries()) {
    // The column name comes from the fixed HASH_ALGOS list, never from input.
    const rows = db
      .prepare(`SELECT ${algo} AS hex, file_name FROM FILE ORDER BY ${algo}`)
      .iterate() as IterableIterator<{ hex: unknown; file_name: unknown }>
    let previous: string | null = null
    let row = 0
    for (const { hex, file_name: fileName } of rows) {
      row += 1
      if (pass === 0) report.records += 1
      if (hex === previous) report.duplicates += 1
      if (typeof hex !== 'string' || hex === '' || hex === previous) continue
      previous = hex
      const digest = digestBytes(hex, algo)
      if (digest === null) {
        noteBadLine(report, row, `not a valid ${algo} in FILE`, hex)
        continue
      }
      batch.push({
        algo,
        digest,
        label: typeof fileName === 'string' && fileName !== '' ? fileName : null,
      })
      if (batch.length >= BATCH_SIZE) {
        yield batch
        batch = []
      }
    }
  }
  if (batch.length > 0) yield batch
}
