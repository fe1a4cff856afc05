import { beforeAll, describe, expect, it } from 'vitest'
import { listFindingFacets, listFindingGroups } from '../../../main/core/case/findings-facets-repo'
import { listFindingIds, listFindings } from '../../../main/core/case/findings-repo'
import type { FindingQuery } from '../../../main/core/case/findings-repo'
import { tempDir, withSuiteTempDirs } from '../../helpers/temp-dir'
import { makeFindingsDb } from './findings-fixture'
import type { FindingsFixture } from './findings-fixture'

/**
 * 100,000 findings answer every query. No time is asserted (CI machines vary); each figure is
 * printed so a run shows where the time goes (`npm run bench` measures it properly).
 */
const FINDINGS = 100_000
let fx: FindingsFixture

beforeAll(async () => {
  fx = await withSuiteTempDirs(() =>
    Promise.resolve(makeFindingsDb(tempDir(), { findings: FINDINGS, files: 700, rules: 150 })),
  )
}, 120_000)

function timed<T>(label: string, run: () => T): T {
  const start = performance.now()
  const result = run()
  console.log(`[findings-scale] ${label}: ${(performance.now() - start).toFixed(1)} ms`)
  return result
}

const page = (extra: Partial<FindingQuery>): FindingQuery => ({
  allScans: true,
  offset: 0,
  limit: 200,
  sort: 'score',
  direction: 'desc',
  ...extra,
})

describe('findings at 100,000', () => {
  it('lists a first page and the total under any single filter, and deep offsets', () => {
    expect(timed('first page, all scans', () => listFindings(fx.db, page({}))).total).toBe(FINDINGS)
    expect(
      timed('first page, latest scan', () => listFindings(fx.db, page({ allScans: false }))).total,
    ).toBe(fx.latest.length)
    const filters: Record<string, Partial<FindingQuery>> = {
      minScore: { minScore: 90 },
      rule: { ruleIds: [7] },
      pack: { packNames: ['alpha'] },
      tag: { tags: ['lateral'] },
      triage: { triage: ['confirmed'] },
      tlp: { tlp: ['default'] },
      evidence: { evidenceIds: [2] },
      pathPrefix: { pathPrefix: 'Users/alice' },
      fileType: { fileTypes: ['text/plain'] },
      text: { text: 'file123' },
      file: { fileId: 42 },
      hideSuppressed: { hideSuppressed: true },
    }
    for (const [name, filter] of Object.entries(filters)) {
      const result = timed(`filter ${name}`, () => listFindings(fx.db, page(filter)))
      expect(result.rows.length).toBe(Math.min(200, result.total))
    }
    for (const sort of ['rule', 'path', 'size', 'triage', 'evidence', 'pack'] as const) {
      expect(timed(`sort ${sort}`, () => listFindings(fx.db, page({ sort }))).rows).toHaveLength(
        200,
      )
    }
    const deep = timed('offset 99,800', () => listFindings(fx.db, page({ offset: 99_800 })))
    expect(deep.rows).toHaveLength(200)
    timed('offset 99,800 sorted by path', () =>
      listFindings(fx.db, page({ offset: 99_800, sort: 'path' })),
    )
  }, 120_000)

  it('answers facets, groups and select-all', () => {
    const facets = timed('facets', () => listFindingFacets(fx.db, { allScans: true }))
    const rules = new Set(fx.findings.map((f) => f.ruleId)).size
    expect(facets.rules.length).toBe(Math.min(rules, 200))
    timed('facets, one rule picked', () =>
      listFindingFacets(fx.db, { allScans: true, ruleIds: [3] }),
    )
    const groups = timed('groups by rule', () =>
      listFindingGroups(fx.db, {
        allScans: true,
        by: 'rule',
        offset: 0,
        limit: 200,
        sort: 'count',
        direction: 'desc',
      }),
    )
    expect(groups.total).toBe(rules)
    const files = timed('groups by file', () =>
      listFindingGroups(fx.db, {
        allScans: true,
        by: 'file',
        offset: 0,
        limit: 200,
        sort: 'maxScore',
        direction: 'desc',
      }),
    )
    expect(files.total).toBe(700)
    const ids = timed('ids of all', () => listFindingIds(fx.db, { allScans: true }))
    expect(ids.ids).toHaveLength(FINDINGS)
  }, 120_000)
})
