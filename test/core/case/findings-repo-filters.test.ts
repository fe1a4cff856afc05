import { beforeAll, describe, expect, it } from 'vitest'
import { listFindingIds, listFindings } from '../../../main/core/case/findings-repo'
import type { FindingQuery } from '../../../main/core/case/findings-repo'
import { FINDING_SORT_COLUMNS, TRIAGE_STATUSES } from '../../../main/core/model/findings'
import type { FindingRow, FindingSortColumn } from '../../../main/core/model/findings'
import { tempDir, withSuiteTempDirs } from '../../helpers/temp-dir'
import { makeFindingsDb } from './findings-fixture'
import type { FindingsFixture, FixtureFinding } from './findings-fixture'

let fx: FindingsFixture

beforeAll(async () => {
  fx = await withSuiteTempDirs(() => Promise.resolve(makeFindingsDb(tempDir(), { findings: 400 })))
})

type Filter = Omit<FindingQuery, 'offset' | 'limit' | 'sort' | 'direction'>

/** The ids the repo lists for a filter, in id order (every row fits one page). */
function listedIds(filter: Filter): number[] {
  const page = listFindings(fx.db, {
    ...filter,
    offset: 0,
    limit: 1000,
    sort: 'id',
    direction: 'asc',
  })
  expect(page.rows.length).toBe(page.total)
  return page.rows.map((row) => row.id)
}

/** What the oracle says the latest scan holds under `keep`. */
function expected(keep: (f: FixtureFinding) => boolean, from = fx.latest): number[] {
  return from.filter(keep).map((f) => f.id)
}

describe('listFindings filters', () => {
  it('lists the latest scan by default, one scan by id, or every scan', () => {
    expect(listedIds({})).toEqual(expected(() => true))
    expect(listedIds({ scanId: 1 })).toEqual(expected((f) => f.scanId === 1, fx.findings))
    const all = listFindings(fx.db, {
      allScans: true,
      offset: 0,
      limit: 1,
      sort: 'id',
      direction: 'asc',
    })
    expect(all.total).toBe(fx.findings.length)
  })

  it('filters by score range, triage, rule, pack, evidence, file and suppression', () => {
    expect(listedIds({ minScore: 40, maxScore: 60 })).toEqual(
      expected((f) => f.score >= 40 && f.score <= 60),
    )
    expect(listedIds({ triage: ['confirmed', 'benign'] })).toEqual(
      expected((f) => f.triage === 'confirmed' || f.triage === 'benign'),
    )
    expect(listedIds({ ruleIds: [1, 4] })).toEqual(
      expected((f) => f.ruleId === 1 || f.ruleId === 4),
    )
    expect(listedIds({ packNames: ['beta_pack'] })).toEqual(
      expected((f) => f.packName === 'beta_pack'),
    )
    expect(listedIds({ evidenceIds: [2] })).toEqual(expected((f) => f.evidenceId === 2))
    expect(listedIds({ fileId: 7 })).toEqual(expected((f) => f.fileId === 7))
    expect(listedIds({ hideSuppressed: true })).toEqual(expected((f) => !f.suppressed))
  })

  it('filters by tag (any of), TLP (with "default" for none) and file type ("" for unknown)', () => {
    expect(listedIds({ tags: ['lateral', 'ransomware'] })).toEqual(
      expected((f) => f.tags.includes('lateral') || f.tags.includes('ransomware')),
    )
    expect(listedIds({ tlp: ['default', 'red'] })).toEqual(
      expected((f) => f.tlp === null || f.tlp === 'red'),
    )
    expect(listedIds({ tlp: ['amber'] })).toEqual(expected((f) => f.tlp === 'amber'))
    expect(listedIds({ fileTypes: ['', 'text/plain'] })).toEqual(
      expected((f) => f.mime === null || f.mime === 'text/plain'),
    )
  })

  it('combines filters with AND', () => {
    expect(
      listedIds({ packNames: ['alpha'], minScore: 50, triage: ['new'], evidenceIds: [1] }),
    ).toEqual(
      expected(
        (f) => f.packName === 'alpha' && f.score >= 50 && f.triage === 'new' && f.evidenceId === 1,
      ),
    )
  })

  it('takes LIKE wildcards in a path prefix and in the text literally', () => {
    expect(listedIds({ pathPrefix: 'tmp/100%_' })).toEqual(
      expected((f) => f.path.startsWith('tmp/100%_')),
    )
    expect(listedIds({ pathPrefix: 'tmp/100%_' }).length).toBeGreaterThan(0)
    expect(listedIds({ pathPrefix: '%' })).toEqual([])
    expect(listedIds({ pathPrefix: 'Users/_lice' })).toEqual([])
    expect(listedIds({ pathPrefix: 'users/alice' })).toEqual(
      expected((f) => f.path.startsWith('Users/alice')),
    )
    expect(listedIds({ text: '100%' })).toEqual(
      expected((f) => f.path.includes('100%') || f.ruleName.includes('100%')),
    )
    expect(listedIds({ text: '0%_r' })).toEqual(expected((f) => f.ruleName.includes('0%_r')))
  })

  it('treats SQL-looking values as plain values', () => {
    expect(listedIds({ tags: ["x' OR 1=1 --"] })).toEqual(
      expected((f) => f.tags.includes("x' OR 1=1 --")),
    )
    expect(listedIds({ packNames: ["alpha' OR '1'='1"] })).toEqual([])
    expect(listedIds({ text: "'; DROP TABLE findings; --" })).toEqual([])
    expect(listedIds({ pathPrefix: "' OR 1=1 --" })).toEqual([])
    expect(listedIds({ fileTypes: ["text/plain') OR ('1'='1"] })).toEqual([])
    expect(listedIds({}).length).toBe(fx.latest.length)
  })

  it('gives each row its tags, sorted', () => {
    const page = listFindings(fx.db, {
      tags: ['lateral'],
      offset: 0,
      limit: 5,
      sort: 'id',
      direction: 'asc',
    })
    expect(page.rows[0]!.tags).toEqual(['lateral', 'ransomware'])
    const untagged = listFindings(fx.db, {
      fileId: 1,
      offset: 0,
      limit: 1,
      sort: 'id',
      direction: 'asc',
    })
    expect(untagged.rows[0]!.tags).toEqual([])
  })
})

/** The value a sort column orders rows by, read from a row. */
const SORT_KEY: Record<FindingSortColumn, (row: FindingRow) => string | number> = {
  score: (r) => r.score,
  rule: (r) => r.ruleName,
  path: (r) => r.path,
  type: (r) => r.mime ?? '',
  matches: (r) => r.matchCount,
  id: (r) => r.id,
  triage: (r) => TRIAGE_STATUSES.indexOf(r.triageStatus),
  evidence: (r) => r.evidenceLabel,
  size: (r) => r.sizeBytes,
  pack: (r) => r.packName,
}

describe('listFindings sorting and paging', () => {
  it.each(
    FINDING_SORT_COLUMNS.flatMap(
      (c) =>
        [
          [c, 'asc'],
          [c, 'desc'],
        ] as const,
    ),
  )('sorts by %s %s, ties by id', (sort, direction) => {
    const page = listFindings(fx.db, { offset: 0, limit: 1000, sort, direction })
    expect(page.rows).toHaveLength(fx.latest.length)
    const key = SORT_KEY[sort]
    for (let i = 1; i < page.rows.length; i++) {
      const [a, b] = [page.rows[i - 1]!, page.rows[i]!]
      const [ka, kb] = [key(a), key(b)]
      if (ka === kb) expect(a.id).toBeLessThan(b.id)
      else expect(direction === 'asc' ? ka < kb : ka > kb).toBe(true)
    }
  })

  it('pages without gaps or repeats', () => {
    const whole = listFindings(fx.db, { offset: 0, limit: 1000, sort: 'rule', direction: 'desc' })
    const pieces = [0, 100, 200, 300].flatMap(
      (offset) => listFindings(fx.db, { offset, limit: 100, sort: 'rule', direction: 'desc' }).rows,
    )
    expect(pieces.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id))
  })
})

describe('listFindingIds', () => {
  it('returns every id a filter selects, or the first ids up to the cap', () => {
    expect(listFindingIds(fx.db, { triage: ['new'] })).toEqual({
      total: expected((f) => f.triage === 'new').length,
      ids: expected((f) => f.triage === 'new'),
      truncated: false,
    })
    const capped = listFindingIds(fx.db, {}, 10)
    expect(capped).toEqual({
      total: fx.latest.length,
      ids: expected(() => true).slice(0, 10),
      truncated: true,
    })
  })
})
