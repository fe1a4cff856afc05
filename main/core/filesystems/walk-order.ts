/**
 * Injectable order of a directory's children during a depth-first walk.
 *
 * The walks (folder evidence, FAT/exFAT/NTFS/ext) stream each directory's listing in its own
 * order (name order for folders, on-disk order for images). A {@link WalkOrder} may change the
 * order of the children of *some* directories: since the walks are depth-first, putting a child
 * first puts its whole subtree first, without holding anything but that one listing. The policy
 * (which names come first) lives with its user (`scan/scan-priority.ts`); this file only applies
 * one.
 */

/** Ranks the children of directories: lower ranks first, equal ranks keep the listing order. */
export interface ChildRanker {
  /**
   * Whether the children of the directory at `dirPath` may be reordered. When false the
   * listing streams unchanged (nothing is held); when true it is read whole, then reordered.
   * `dirPath` is `/`-separated from the walk's root (`/`, `''` or `.` for the root itself).
   */
  ranksChildrenOf(dirPath: string): boolean
  /** The rank of the child `name` of the directory at `dirPath`. */
  rankOf(dirPath: string, name: string): number
}

/**
 * Chooses how a walk orders children, from the names of its root directory (read first); null
 * keeps the listing order everywhere.
 */
export type WalkOrder = (rootNames: readonly string[]) => ChildRanker | null

/** Options of a file system's walk. */
export interface WalkOptions {
  /** Reorders the children of some directories; default: listing order everywhere. */
  readonly order?: WalkOrder
}

/**
 * Most events of one directory listing held to reorder it. A longer listing (a hostile or
 * enormous directory) streams in its own order: memory stays bounded, order stays deterministic.
 */
export const MAX_RANKED_LISTING = 50_000

/** Reorders listings of one walk: the root's first (it decides the ranker), then the others. */
export interface ListingOrderer {
  /** The root directory's listing; call it once, before any {@link ListingOrderer.below}. */
  root<E>(events: AsyncGenerator<E>, nameOf: (event: E) => string | null): AsyncGenerator<E>
  /** The listing of the directory at `dirPath` below the root. */
  below<E>(
    events: AsyncGenerator<E>,
    dirPath: string,
    nameOf: (event: E) => string | null,
  ): AsyncGenerator<E>
}

/**
 * The orderer of one walk. Without an `order`, both methods give the listing back untouched.
 *
 * Events without a name (problems) travel with the next named event, so a problem reported
 * just before an entry stays just before it; problems after the last entry stay last. A read
 * error while holding a listing is rethrown after the events read so far (reordered), so the
 * walk reports it as it would have.
 */
export function listingOrderer(
  order: WalkOrder | undefined,
  limit = MAX_RANKED_LISTING,
): ListingOrderer {
  let ranker: ChildRanker | null = null
  return {
    root<E>(events: AsyncGenerator<E>, nameOf: (event: E) => string | null): AsyncGenerator<E> {
      if (order === undefined) return events
      return reordered(events, nameOf, limit, (held) => {
        const names = held.map(nameOf).filter((name): name is string => name !== null)
        ranker = order(names)
        return ranker === null ? null : (name) => (ranker as ChildRanker).rankOf('/', name)
      })
    },
    below<E>(
      events: AsyncGenerator<E>,
      dirPath: string,
      nameOf: (event: E) => string | null,
    ): AsyncGenerator<E> {
      const current = ranker
      if (current === null || !current.ranksChildrenOf(dirPath)) return events
      return reordered(events, nameOf, limit, () => (name) => current.rankOf(dirPath, name))
    },
  }
}

/**
 * `names` (one directory's listing, already in listing order) in rank order; stable, so equal
 * ranks keep the listing order. Unchanged without a ranker or when it does not rank `dirPath`.
 */
export function rankNames(
  names: readonly string[],
  dirPath: string,
  ranker: ChildRanker | null,
): string[] {
  if (ranker === null || !ranker.ranksChildrenOf(dirPath)) return [...names]
  return sortByRank(
    names,
    (name) => name,
    (name) => ranker.rankOf(dirPath, name),
  )
}

async function* reordered<E>(
  events: AsyncGenerator<E>,
  nameOf: (event: E) => string | null,
  limit: number,
  rankerFor: (held: readonly E[]) => ((name: string) => number) | null,
): AsyncGenerator<E> {
  const held: E[] = []
  let failure: { readonly error: unknown } | null = null
  try {
    for (;;) {
      const next = await events.next()
      if (next.done === true) break
      held.push(next.value)
      if (held.length >= limit) {
        // Too long to hold: this listing streams in its own order.
        yield* held
        yield* events
        return
      }
    }
  } catch (error: unknown) {
    failure = { error }
  }
  const rank = rankerFor(held)
  yield* rank === null ? held : sortByRank(held, nameOf, rank)
  if (failure !== null) throw failure.error
}

/** Stable sort by rank; unnamed items take the rank of the next named one (last: after all). */
function sortByRank<E>(
  items: readonly E[],
  nameOf: (item: E) => string | null,
  rankOf: (name: string) => number,
): E[] {
  const ranks = new Array<number>(items.length)
  let next = Number.POSITIVE_INFINITY
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const name = nameOf(items[i] as E)
    if (name !== null) next = rankOf(name)
    ranks[i] = next
  }
  return items
    .map((item, i) => ({ item, i, rank: ranks[i] as number }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ item }) => item)
}
