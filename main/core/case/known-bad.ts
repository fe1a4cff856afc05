/** File digests as stored on a file row. */
export interface Digests {
  readonly md5: string | null
  readonly sha1: string | null
  readonly sha256: string | null
}

/** A known-bad hash set entry that matched: the finding points at the set's rule row. */
export interface KnownBadHit {
  readonly rulePk: number
  readonly score: number
}

/** What the results writer needs from the case's hash sets. */
export interface HashSetMatcher {
  /** The enabled known-bad sets holding one of these digests. */
  knownBad(digests: Digests): readonly KnownBadHit[]
}
