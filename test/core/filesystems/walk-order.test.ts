import { describe, expect, it } from 'vitest'
import { listingOrderer, rankNames } from '../../../main/core/filesystems/walk-order'
import type { ChildRanker, WalkOrder } from '../../../main/core/filesystems/walk-order'

type Event = { readonly name: string } | { readonly problem: string }

const nameOf = (event: Event): string | null => ('name' in event ? event.name : null)

async function* listing(events: readonly Event[], failAt = -1): AsyncGenerator<Event> {
  for (const [i, event] of events.entries()) {
    await Promise.resolve() // a listing reads the media between entries
    if (i === failAt) throw new Error('bad sector')
    yield event
  }
}

async function drain(events: AsyncGenerator<Event>): Promise<string[]> {
  const out: string[] = []
  try {
    for await (const event of events) out.push('name' in event ? event.name : `!${event.problem}`)
  } catch (error: unknown) {
    out.push(`thrown: ${(error as Error).message}`)
  }
  return out
}

/** Ranks names starting with "a" first, in the root and in /keep only. */
const ranker: ChildRanker = {
  ranksChildrenOf: (dirPath) => dirPath === '/' || dirPath === '/keep',
  rankOf: (_dirPath, name) => (name.startsWith('a') ? 0 : 1),
}
const whenRoot =
  (marker: string): WalkOrder =>
  (names) =>
    names.includes(marker) ? ranker : null

const names = (...list: string[]): Event[] => list.map((name) => ({ name }))

describe('listingOrderer', () => {
  it('reorders the root, stable within a rank', async () => {
    const orderer = listingOrderer(whenRoot('x'))
    expect(await drain(orderer.root(listing(names('x', 'a2', 'y', 'a1')), nameOf))).toEqual([
      'a2',
      'a1',
      'x',
      'y',
    ])
  })

  it('reorders below only where the ranker asks, and only when the root chose one', async () => {
    const orderer = listingOrderer(whenRoot('x'))
    await drain(orderer.root(listing(names('x')), nameOf))
    expect(await drain(orderer.below(listing(names('z', 'a')), '/keep', nameOf))).toEqual([
      'a',
      'z',
    ])
    expect(await drain(orderer.below(listing(names('z', 'a')), '/other', nameOf))).toEqual([
      'z',
      'a',
    ])
    const none = listingOrderer(whenRoot('nothing-like-this'))
    await drain(none.root(listing(names('x')), nameOf))
    expect(await drain(none.below(listing(names('z', 'a')), '/keep', nameOf))).toEqual(['z', 'a'])
  })

  it('gives the listing back untouched without an order', () => {
    const events = listing(names('b', 'a'))
    expect(listingOrderer(undefined).root(events, nameOf)).toBe(events)
  })

  it('moves a problem with the entry after it; trailing problems stay last', async () => {
    const orderer = listingOrderer(whenRoot('x'))
    const events: Event[] = [{ name: 'x' }, { problem: 'p1' }, { name: 'a' }, { problem: 'end' }]
    expect(await drain(orderer.root(listing(events), nameOf))).toEqual(['!p1', 'a', 'x', '!end'])
  })

  it('rethrows a read error after the entries read before it, reordered', async () => {
    const orderer = listingOrderer(whenRoot('x'))
    expect(await drain(orderer.root(listing(names('x', 'a', 'b'), 2), nameOf))).toEqual([
      'a',
      'x',
      'thrown: bad sector',
    ])
  })

  it('streams a listing longer than the limit in its own order', async () => {
    const orderer = listingOrderer(whenRoot('x'), 3)
    expect(await drain(orderer.root(listing(names('x', 'y', 'z', 'a')), nameOf))).toEqual([
      'x',
      'y',
      'z',
      'a',
    ])
  })
})

describe('rankNames', () => {
  it('sorts by rank, keeping the given order within a rank', () => {
    expect(rankNames(['b', 'a2', 'c', 'a1'], '/', ranker)).toEqual(['a2', 'a1', 'b', 'c'])
    expect(rankNames(['b', 'a'], '/elsewhere', ranker)).toEqual(['b', 'a'])
    expect(rankNames(['b', 'a'], '/', null)).toEqual(['b', 'a'])
  })
})
