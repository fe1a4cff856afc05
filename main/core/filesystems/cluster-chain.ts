/** Why a cluster chain stopped. */
export type ChainEnd =
  /** The end-of-chain mark: a normal end. */
  | 'eof'
  /** Enough clusters for the wanted size were found. */
  | 'limit'
  /** A link to a free cluster (0). */
  | 'free'
  /** A link to a cluster marked bad. */
  | 'bad'
  /** A link outside the cluster heap (1, or past the last cluster). */
  | 'invalid'
  /** A link back to a cluster already in the chain. */
  | 'loop'
  /** The table could not be read there (outside the table or the media). */
  | 'unreadable'

/** One step of a chain: the next cluster, or why there is none. */
export type ChainStep =
  { readonly next: number } | { readonly end: Exclude<ChainEnd, 'limit' | 'loop'> }

/** A table of cluster links (a FAT). */
export interface ClusterLinks {
  step(cluster: number): Promise<ChainStep>
}

/** A run of consecutive clusters. */
export interface ClusterRange {
  readonly first: number
  readonly count: number
}

/** The clusters of a chain, merged into ranges, and why it stopped. */
export interface Chain {
  readonly ranges: readonly ClusterRange[]
  readonly clusters: number
  readonly end: ChainEnd
}

/**
 * Follow a chain from `first` for at most `limit` clusters, stopping before any cluster would
 * repeat. Memory is O(ranges) and time O(limit): a loop is found with Brent's algorithm (no
 * set of visited clusters), so a hostile table can neither hang the walk nor grow memory.
 */
export async function followChain(
  links: ClusterLinks,
  first: number,
  limit: number,
): Promise<Chain> {
  if (limit <= 0) return { ranges: [], clusters: 0, end: 'limit' }
  const distinct = await loopFreeLength(links, first, limit)
  const ranges: ClusterRange[] = []
  let cluster = first
  let count = 0
  let end: ChainEnd = 'limit'
  for (;;) {
    addCluster(ranges, cluster)
    count += 1
    if (count >= limit) break
    if (distinct !== null && count >= distinct) {
      end = 'loop'
      break
    }
    const step = await links.step(cluster)
    if ('end' in step) {
      end = step.end
      break
    }
    cluster = step.next
  }
  return { ranges, clusters: count, end }
}

/**
 * The number of distinct clusters before the chain repeats, when it does within reach of
 * `limit`; null when it ends (or is longer than `limit`) without repeating.
 */
async function loopFreeLength(
  links: ClusterLinks,
  first: number,
  limit: number,
): Promise<number | null> {
  const next = async (cluster: number): Promise<number | null> => {
    const step = await links.step(cluster)
    return 'next' in step ? step.next : null
  }
  // Brent: the tortoise jumps to the hare at each power of two; a loop of length λ entered
  // after μ clusters is met within 2·max(μ, λ) + λ steps, so 3·limit steps always suffice.
  let power = 1
  let lambda = 1
  let tortoise = first
  let hare = await next(first)
  for (let steps = 1; hare !== null && hare !== tortoise; steps += 1) {
    if (steps > 3 * limit + 3) return null
    if (power === lambda) {
      tortoise = hare
      power *= 2
      lambda = 0
    }
    hare = await next(hare)
    lambda += 1
  }
  if (hare === null) return null
  return lambda + (await loopStart(next, first, lambda))
}

/** μ: how many clusters precede the loop of length `lambda`. */
async function loopStart(
  next: (cluster: number) => Promise<number | null>,
  first: number,
  lambda: number,
): Promise<number> {
  let tortoise: number | null = first
  let hare: number | null = first
  for (let i = 0; i < lambda && hare !== null; i += 1) hare = await next(hare)
  let mu = 0
  while (tortoise !== null && hare !== null && tortoise !== hare) {
    tortoise = await next(tortoise)
    hare = await next(hare)
    mu += 1
  }
  return mu
}

function addCluster(ranges: ClusterRange[], cluster: number): void {
  const last = ranges[ranges.length - 1]
  if (last !== undefined && last.first + last.count === cluster) {
    ranges[ranges.length - 1] = { first: last.first, count: last.count + 1 }
  } else {
    ranges.push({ first: cluster, count: 1 })
  }
}
