import { beforeAll, describe, expect, it } from 'vitest'
import { listFindingFacets, listFindingGroups } from '../../../main/core/case/findings-facets-repo'
import { tempDir, withSuiteTempDirs } from '../../helpers/temp-dir'
import { makeFindingsDb } from './findings-fixture'
import type { FindingsFixture, FixtureFinding } from './findings-fixture'

let fx: FindingsFixture

beforeAll(async () => {
  fx = await withSuiteTempDirs(() => Promise.resolve(makeFindingsDb(tempDir(), { findings: 400 })))
})

/** value → count over the latest scan's findings that pass `keep`, as the oracle counts. */
function countBy<K>(
  key: (f: FixtureFinding) => K[],
  keep: (f: FixtureFinding) => boolean = () => true,
) {
  const counts = new Map<K, number>()
  for (const f of fx.latest.filter(keep))
    for (const k of key(f)) counts.set(k, (counts.get(k) ?? 0) + 1)
  return counts
}

function asMap<T extends { count: number }>(items: readonly T[], key: (item: T) => unknown) {
  return new Map(items.map((item) => [key(item), item.count]))
}

describe('listFindingFacets', () => {
  it('counts every facet over the latest scan, most frequent first', () => {
    const facets = listFindingFacets(fx.db, {})
    expect(asMap(facets.rules, (r) => r.id)).toEqual(countBy((f) => [f.ruleId]))
    expect(asMap(facets.packs, (p) => p.value)).toEqual(countBy((f) => [f.packName]))
    expect(asMap(facets.tags, (t) => t.value)).toEqual(countBy((f) => [...f.tags]))
    expect(asMap(facets.triage, (t) => t.value)).toEqual(countBy((f) => [f.triage]))
    expect(asMap(facets.tlp, (t) => t.value)).toEqual(countBy((f) => [f.tlp ?? 'default']))
    expect(asMap(facets.evidence, (e) => e.id)).toEqual(countBy((f) => [f.evidenceId]))
    expect(asMap(facets.fileTypes, (t) => t.value)).toEqual(countBy((f) => [f.mime ?? '']))
    const counts = facets.rules.map((r) => r.count)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    expect(facets.evidence.map((e) => e.label).sort()).toEqual(['laptop', 'usb'])
    expect(facets.rules.find((r) => r.id === 4)).toMatchObject({
      name: 'Odd_100%_rule',
      namespace: 'beta_pack',
    })
  })

  it('counts each facet under the other filters, not its own', () => {
    const facets = listFindingFacets(fx.db, { ruleIds: [1], triage: ['new'] })
    // The rule facet ignores the rule filter (all rules stay offered) but applies triage.
    expect(asMap(facets.rules, (r) => r.id)).toEqual(
      countBy(
        (f) => [f.ruleId],
        (f) => f.triage === 'new',
      ),
    )
    // The triage facet ignores triage but applies the rule filter.
    expect(asMap(facets.triage, (t) => t.value)).toEqual(
      countBy(
        (f) => [f.triage],
        (f) => f.ruleId === 1,
      ),
    )
    expect(asMap(facets.packs, (p) => p.value)).toEqual(
      countBy(
        (f) => [f.packName],
        (f) => f.ruleId === 1 && f.triage === 'new',
      ),
    )
  })

  it('is empty in a case without scans', () => {
    const empty = makeFindingsDb(tempDir(), { findings: 0 })
    empty.db.prepare('DELETE FROM scans').run()
    expect(listFindingFacets(empty.db, {}).rules).toEqual([])
  })
})

describe('listFindingGroups', () => {
  it('groups by rule with counts and top scores, largest first', () => {
    const page = listFindingGroups(fx.db, {
      by: 'rule',
      offset: 0,
      limit: 100,
      sort: 'count',
      direction: 'desc',
    })
    const counts = countBy((f) => [f.ruleId])
    expect(page.total).toBe(counts.size)
    expect(new Map(page.groups.map((g) => [g.ruleId, g.count]))).toEqual(counts)
    const top = page.groups[0]!
    expect(top.key).toBe(`rule:${top.ruleId}`)
    expect(top.maxScore).toBe(
      Math.max(...fx.latest.filter((f) => f.ruleId === top.ruleId).map((f) => f.score)),
    )
    expect(top.label).toMatch(/^(alpha|beta_pack):/)
    const sorted = page.groups.map((g) => g.count)
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a))
  })

  it('groups by file under a filter, sorted by label, a page at a time', () => {
    const filter = { minScore: 50 }
    const all = listFindingGroups(fx.db, {
      ...filter,
      by: 'file',
      offset: 0,
      limit: 1000,
      sort: 'label',
      direction: 'asc',
    })
    const counts = countBy(
      (f) => [f.fileId],
      (f) => f.score >= 50,
    )
    expect(all.total).toBe(counts.size)
    expect(new Map(all.groups.map((g) => [g.fileId, g.count]))).toEqual(counts)
    const labels = all.groups.map((g) => g.label)
    expect(labels).toEqual([...labels].sort())
    const second = listFindingGroups(fx.db, {
      ...filter,
      by: 'file',
      offset: 10,
      limit: 10,
      sort: 'label',
      direction: 'asc',
    })
    expect(second.groups.map((g) => g.key)).toEqual(all.groups.slice(10, 20).map((g) => g.key))
    expect(['laptop', 'usb']).toContain(all.groups[0]!.detail)
  })
})
