import type Database from 'better-sqlite3'
import { SAME_CONTENT_SOURCE_SQL } from '../../case/copy-findings'
import type { Digests } from '../../case/known-bad'
import { openCaseDbReadOnly } from '../../case/open-case-db'
import { HashSetIndex } from '../../hashsets/hash-set-index'
import type { ChildLookups } from './protocol'

/** A known-good hash set entry that matched. */
export interface KnownGoodHit {
  readonly set: string
  readonly algo: string
  readonly label: string | null
}

/**
 * What a scan process asks the case before giving content to YARA, on a **read-only**
 * connection of its own (the scan's writer holds the only write connection): was identical
 * content already scanned under this profile (committed by this scan or an earlier one), and
 * is it in a known-good hash set. Content two processes scan at the same moment is scanned
 * twice: harmless, the results are equal.
 */
export class ContentIndex {
  private readonly sameContentQuery
  private readonly hashSets: HashSetIndex

  private constructor(
    private readonly db: Database.Database,
    private readonly profileKey: string,
  ) {
    this.sameContentQuery = db.prepare(SAME_CONTENT_SOURCE_SQL)
    this.hashSets = new HashSetIndex(db)
  }

  /** Open the case read-only; throws when it cannot be opened. */
  static open(lookups: ChildLookups): ContentIndex {
    return new ContentIndex(openCaseDbReadOnly(lookups.casePath), lookups.profileKey)
  }

  /** An earlier whole scan of identical content under the same profile, if any. */
  sameContent(contentKey: string): { scanId: number; fileId: number } | null {
    const row = this.sameContentQuery.get(contentKey, this.profileKey) as
      { scanId: number; fileId: number } | undefined
    return row ?? null
  }

  /** The first enabled known-good set holding one of the digests (SHA-256 first). */
  knownGood(digests: Digests): KnownGoodHit | null {
    if (this.hashSets.isEmpty()) return null
    const good = this.hashSets.lookup(digests).knownGood
    return good === null ? null : { set: good.name, algo: good.algo, label: good.label }
  }

  close(): void {
    this.db.close()
  }
}
