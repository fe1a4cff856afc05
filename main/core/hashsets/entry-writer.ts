import type { Db } from '../case/open-case-db'
import type { HashAlgo, HashSetEntry, HashSetSource } from './hash-set-types'

/** Page cache during an import: negative = KiB (64 MiB). */
const IMPORT_CACHE_KIB = -64 * 1024

const INSERT_ENTRY =
  'INSERT OR IGNORE INTO hash_set_entries (algo, digest, set_id, label) VALUES (?, ?, ?, ?)'

/** What the writer stored: entries read, rows kept (per algorithm). */
export interface EntryCounts {
  read: number
  stored: number
  readonly byAlgo: Record<HashAlgo, number>
}

/** Options of {@link insertEntries}. */
export interface InsertEntriesOptions {
  /** Keep only these algorithms (all when undefined). */
  readonly algos?: readonly HashAlgo[] | undefined
  readonly onProgress?: ((progress: { records: number; stored: number }) => void) | undefined
}

/**
 * Write every entry of `source` to set `setId`, one immediate transaction per batch, each batch
 * sorted by key, with a larger page cache for the duration.
 */
export async function insertEntries(
  db: Db,
  setId: number,
  source: HashSetSource,
  options: InsertEntriesOptions,
): Promise<EntryCounts> {
  return withImportCache(db, () => writeAll(db, setId, source, options))
}

async function writeAll(
  db: Db,
  setId: number,
  source: HashSetSource,
  options: InsertEntriesOptions,
): Promise<EntryCounts> {
  const insert = db.prepare(INSERT_ENTRY)
  const counts: EntryCounts = { read: 0, stored: 0, byAlgo: { md5: 0, sha1: 0, sha256: 0 } }
  const keep = options.algos === undefined ? null : new Set(options.algos)
  const writeBatch = db.transaction((batch: readonly HashSetEntry[]) => {
    for (const entry of batch) {
      // INSERT OR IGNORE on the (algo, digest, set) key collapses duplicates; `changes` says which.
      const stored = insert.run(entry.algo, entry.digest, setId, entry.label).changes
      counts.stored += stored
      counts.byAlgo[entry.algo] += stored
    }
    counts.read += batch.length
  })
  for await (const batch of source.batches()) {
    const kept = keep === null ? [...batch] : batch.filter((e) => keep.has(e.algo))
    // Key order: consecutive inserts land on the same B-tree pages (the digests are random).
    writeBatch.immediate(kept.sort(compareEntries))
    options.onProgress?.({ records: source.report.records, stored: counts.stored })
  }
  return counts
}

/**
 * Run with a larger page cache: the entry B-tree is written at random digests, and once it
 * outgrows SQLite's default 2 MiB cache every batch re-reads the pages it touches.
 */
async function withImportCache<T>(db: Db, run: () => Promise<T>): Promise<T> {
  const before = db.pragma('cache_size', { simple: true }) as number
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`)
  try {
    return await run()
  } finally {
    db.pragma(`cache_size = ${before}`)
  }
}

function compareEntries(a: HashSetEntry, b: HashSetEntry): number {
  return a.algo === b.algo ? Buffer.compare(a.digest, b.digest) : a.algo < b.algo ? -1 : 1
}
