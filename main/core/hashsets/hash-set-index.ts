import type { Db } from '../case/open-case-db'
import type { HashAlgo } from './hash-set-types'
import { HASH_ALGOS } from './hash-set-types'
import { digestBytes } from './hex-digest'

/** A file's digests as hex (any may be missing). */
export interface FileDigests {
  readonly md5?: string | null | undefined
  readonly sha1?: string | null | undefined
  readonly sha256?: string | null | undefined
}

/** A match in a known-good set. */
export interface KnownGoodMatch {
  readonly setId: number
  readonly name: string
  readonly algo: HashAlgo
  readonly label: string | null
}

/** A match in a known-bad set, with the pseudo rule its finding points to. */
export interface KnownBadMatch extends KnownGoodMatch {
  readonly rulePk: number
}

/** What the enabled hash sets say about one file. */
export interface HashLookup {
  /** The first known-good set that has the file (strongest algorithm first), or null. */
  readonly knownGood: KnownGoodMatch | null
  /** Every known-bad set that has the file, once per set. */
  readonly knownBad: readonly KnownBadMatch[]
}

interface SetRow {
  readonly id: number
  readonly name: string
  readonly purpose: 'known-good' | 'known-bad'
  readonly rule_pk: number | null
}

interface EntryRow {
  readonly set_id: number
  readonly label: string | null
}

/**
 * Look files up in the case's enabled hash sets.
 *
 * Works on any connection, read-only ones included (the scan process). Which sets are enabled
 * is read once, at construction, so a scan sees the same sets from start to end; the entries
 * are found through their primary key (algo, digest, set), one prepared statement per
 * algorithm with the algorithm inlined so SQLite seeks straight to the digest.
 */
export class HashSetIndex {
  private readonly sets: ReadonlyMap<number, SetRow>
  private readonly statements: ReadonlyMap<HashAlgo, { all(digest: Buffer): unknown[] }>

  constructor(db: Db) {
    const rows = db
      .prepare(
        'SELECT id, name, purpose, rule_pk FROM hash_sets WHERE enabled = 1 AND entry_count > 0',
      )
      .all() as SetRow[]
    this.sets = new Map(rows.map((row) => [row.id, row]))
    this.statements = new Map(
      HASH_ALGOS.map((algo) => [
        algo,
        db.prepare(
          `SELECT set_id, label FROM hash_set_entries WHERE algo = '${algo}' AND digest = ?`,
        ),
      ]),
    )
  }

  /** True when no enabled set has entries: a scan can skip hashing for lookups altogether. */
  isEmpty(): boolean {
    return this.sets.size === 0
  }

  /** The known-good and known-bad sets that hold any of the file's digests. */
  lookup(digests: FileDigests): HashLookup {
    let knownGood: KnownGoodMatch | null = null
    const knownBad = new Map<number, KnownBadMatch>()
    if (this.sets.size === 0) return { knownGood, knownBad: [] }
    for (const algo of HASH_ALGOS) {
      const digest = digestBytes(digests[algo], algo)
      const statement = this.statements.get(algo)
      if (digest === null || statement === undefined) continue
      for (const entry of statement.all(digest) as EntryRow[]) {
        const set = this.sets.get(entry.set_id)
        if (set === undefined) continue
        const match = { setId: set.id, name: set.name, algo, label: entry.label }
        // Rows come in key order (set id ascending) and algorithms strongest first, so the
        // first known-good match is the one to report.
        if (set.purpose === 'known-good') {
          knownGood ??= match
        } else if (set.rule_pk !== null && !knownBad.has(set.id)) {
          knownBad.set(set.id, { ...match, rulePk: set.rule_pk })
        }
      }
    }
    return { knownGood, knownBad: [...knownBad.values()].sort((a, b) => a.setId - b.setId) }
  }
}
