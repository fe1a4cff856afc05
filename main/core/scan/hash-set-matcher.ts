import type { Digests, HashSetMatcher, KnownBadHit } from '../case/known-bad'
import type { Db } from '../case/open-case-db'
import { HashSetIndex } from '../hashsets/hash-set-index'

/**
 * The case's enabled hash sets as the results writer asks them (known-bad → findings), or
 * null when there are none (then no lookup is made at all).
 */
export function caseHashSets(db: Db): HashSetMatcher | null {
  const index = new HashSetIndex(db)
  if (index.isEmpty()) return null
  const scoreOf = db.prepare('SELECT score FROM rules WHERE id = ?')
  const scores = new Map<number, number>()
  const score = (rulePk: number): number => {
    let known = scores.get(rulePk)
    if (known === undefined) {
      known = (scoreOf.get(rulePk) as { score: number } | undefined)?.score ?? 50
      scores.set(rulePk, known)
    }
    return known
  }
  return {
    knownBad(digests: Digests): readonly KnownBadHit[] {
      return index
        .lookup(digests)
        .knownBad.map((bad) => ({ rulePk: bad.rulePk, score: score(bad.rulePk) }))
    },
  }
}
