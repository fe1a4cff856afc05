import { describe, expect, it } from 'vitest'
import { timelineEvents } from '../../../main/core/case/timeline-repo'
import type { Db } from '../../../main/core/case/open-case-db'
import { sortableTime } from '../../../main/core/model/timeline'
import { lifecycleCase } from '../../helpers/lifecycle-case'

/** A case with hits `a1` (two rules), `b`, and neighbours `n1`…`n3` without findings. */
async function timelineCase() {
  const lc = await lifecycleCase()
  lc.scan([
    { path: 'a1', sha256: null, rules: ['WithId', 'NoId'] },
    { path: 'b', sha256: null, rules: ['WithId'] },
    { path: 'n1', sha256: null, rules: [] },
    { path: 'n2', sha256: null, rules: [] },
    { path: 'n3', sha256: null, rules: [] },
  ])
  const db = lc.handle.db
  const ids = new Map(
    (db.prepare('SELECT id, path FROM files').all() as { id: number; path: string }[]).map((r) => [
      r.path,
      r.id,
    ]),
  )
  return { db, id: (path: string) => ids.get(path) ?? -1 }
}

function setTimes(db: Db, path: string, times: Record<string, string | null>) {
  const sets = Object.keys(times).map((column) => `${column} = @${column}`)
  db.prepare(`UPDATE files SET ${sets.join(', ')} WHERE path = @path`).run({ ...times, path })
}

function clearTimes(db: Db) {
  db.prepare(
    `UPDATE files SET modified_at = NULL, accessed_at = NULL, changed_at = NULL, born_at = NULL`,
  ).run()
}

describe('timelineEvents', () => {
  it('lists each time of the files with findings, in time order, with kinds and scores', async () => {
    const { db, id } = await timelineCase()
    clearTimes(db)
    setTimes(db, 'a1', { modified_at: '2024-03-01T10:00:00Z', born_at: '2024-02-01T08:00:00Z' })
    setTimes(db, 'b', { accessed_at: '2024-03-01T09:00:00.5Z' })
    setTimes(db, 'n1', { modified_at: '2024-03-01T09:30:00Z' })

    const page = timelineEvents(db, { limit: 100, includeNeighbours: false })

    expect(page.events.map((e) => [e.at, e.kind, e.fileId, e.hasFinding])).toEqual([
      ['2024-02-01T08:00:00Z', 'born', id('a1'), true],
      ['2024-03-01T09:00:00.5Z', 'accessed', id('b'), true],
      ['2024-03-01T10:00:00Z', 'modified', id('a1'), true],
    ])
    expect(page.total).toBe(3)
    expect(page.range).toEqual({ first: '2024-02-01T08:00:00Z', last: '2024-03-01T10:00:00Z' })
    const a1 = page.events[0]
    expect(a1).toMatchObject({ path: 'a1', source: null })
    expect(a1?.evidenceLabel).toMatch(/\S/)
    const scores = db
      .prepare('SELECT max(score) AS s FROM findings WHERE file_id = ?')
      .get(id('a1')) as { s: number }
    expect(a1?.maxScore).toBe(scores.s)
  })

  it('adds the neighbours in the window only, marked as such, and counts them', async () => {
    const { db, id } = await timelineCase()
    clearTimes(db)
    setTimes(db, 'a1', { modified_at: '2024-03-01T10:00:00Z' })
    setTimes(db, 'n1', { modified_at: '2024-03-01T09:59:00Z', born_at: '2024-03-01T10:00:01Z' })
    setTimes(db, 'n2', { changed_at: '2024-03-01T10:30:00.123456789Z' })
    setTimes(db, 'n3', { modified_at: '2024-03-02T10:00:00Z' })
    const window = { from: '2024-03-01T09:00:00Z', to: '2024-03-01T11:00:00Z' }

    const page = timelineEvents(db, { ...window, limit: 100, includeNeighbours: true })

    expect(page.events.map((e) => [e.fileId, e.kind, e.hasFinding, e.maxScore])).toEqual([
      [id('n1'), 'modified', false, null],
      [id('a1'), 'modified', true, expect.any(Number)],
      [id('n1'), 'born', false, null],
      [id('n2'), 'changed', false, null],
    ])
    expect(page.total).toBe(4)
    const without = timelineEvents(db, { ...window, limit: 100, includeNeighbours: false })
    expect(without.events.map((e) => e.fileId)).toEqual([id('a1')])
    expect(without.total).toBe(1)
  })

  it('applies the exact bounds below the second and keeps nanoseconds as stored', async () => {
    const { db } = await timelineCase()
    clearTimes(db)
    setTimes(db, 'a1', { modified_at: '2024-03-01T10:00:00.250000001Z' })
    setTimes(db, 'b', { modified_at: '2024-03-01T10:00:00.75Z' })
    const page = timelineEvents(db, {
      from: '2024-03-01T10:00:00.5Z',
      to: '2024-03-01T10:00:01Z',
      limit: 100,
      includeNeighbours: false,
    })
    expect(page.events.map((e) => e.at)).toEqual(['2024-03-01T10:00:00.75Z'])
    const all = timelineEvents(db, { limit: 100, includeNeighbours: false })
    expect(all.events.map((e) => e.at)).toEqual([
      '2024-03-01T10:00:00.250000001Z',
      '2024-03-01T10:00:00.75Z',
    ])
  })

  it('reports NTFS $STANDARD_INFORMATION and $FILE_NAME times as such', async () => {
    const { db, id } = await timelineCase()
    clearTimes(db)
    setTimes(db, 'a1', {
      born_at: '2020-01-01T00:00:00Z',
      fn_born_at: '2024-03-01T10:00:00.1234567Z',
      fn_modified_at: '2024-03-01T10:00:00.1234567Z',
    })
    const page = timelineEvents(db, { limit: 100, includeNeighbours: false })
    expect(page.events.map((e) => [e.at, e.kind, e.source])).toEqual([
      ['2020-01-01T00:00:00Z', 'born', 'SI'],
      ['2024-03-01T10:00:00.1234567Z', 'modified', 'FN'],
      ['2024-03-01T10:00:00.1234567Z', 'born', 'FN'],
    ])
    expect(page.events.every((e) => e.fileId === id('a1'))).toBe(true)
  })

  it('keeps to the limit, earliest first, and still counts everything in the window', async () => {
    const { db } = await timelineCase()
    clearTimes(db)
    setTimes(db, 'a1', { modified_at: '2024-01-03T00:00:00Z', born_at: '2024-01-01T00:00:00Z' })
    setTimes(db, 'b', { modified_at: '2024-01-02T00:00:00Z', accessed_at: '2024-01-04T00:00:00Z' })
    setTimes(db, 'n1', { modified_at: '2024-01-02T12:00:00Z' })
    const page = timelineEvents(db, { limit: 2, includeNeighbours: true })
    expect(page.events.map((e) => e.at)).toEqual(['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'])
    expect(page.total).toBe(5)
  })

  it('always includes the times of the file it is opened around', async () => {
    const { db, id } = await timelineCase()
    clearTimes(db)
    setTimes(db, 'a1', { modified_at: '2024-03-01T10:00:00Z' })
    setTimes(db, 'n3', { modified_at: '2023-01-01T00:00:00Z', born_at: '2022-01-01T00:00:00Z' })
    const page = timelineEvents(db, {
      from: '2024-03-01T00:00:00Z',
      to: '2024-03-02T00:00:00Z',
      around: { fileId: id('n3') },
      limit: 100,
      includeNeighbours: false,
    })
    expect(page.events.map((e) => [e.fileId, e.kind])).toEqual([
      [id('n3'), 'born'],
      [id('n3'), 'modified'],
      [id('a1'), 'modified'],
    ])
    expect(() =>
      timelineEvents(db, { around: { fileId: 999_999 }, limit: 10, includeNeighbours: false }),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('refuses a window that ends before it starts, and has no range without times', async () => {
    const { db } = await timelineCase()
    expect(() =>
      timelineEvents(db, {
        from: '2024-03-02T00:00:00Z',
        to: '2024-03-01T00:00:00Z',
        limit: 10,
        includeNeighbours: true,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    clearTimes(db)
    const empty = timelineEvents(db, { limit: 10, includeNeighbours: true })
    expect(empty).toEqual({ events: [], total: 0, range: null })
    setTimes(db, 'n1', { modified_at: '2024-05-01T00:00:00Z' })
    expect(timelineEvents(db, { limit: 10, includeNeighbours: true }).range).toEqual({
      first: '2024-05-01T00:00:00Z',
      last: '2024-05-01T00:00:00Z',
    })
  })

  it('answers on 100,000 files within a second and reads neighbours through an index', async () => {
    const { db } = await timelineCase()
    clearTimes(db)
    const evidenceId = (
      db.prepare('SELECT evidence_id AS e FROM files LIMIT 1').get() as {
        e: number
      }
    ).e
    const insert = db.prepare(
      `INSERT INTO files (evidence_id, entry_key, path, parent_path, name, kind, size_bytes, modified_at)
       VALUES (?, ?, ?, '', ?, 'file', 1, ?)`,
    )
    db.transaction(() => {
      for (let i = 0; i < 100_000; i += 1) {
        const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString()
        insert.run(evidenceId, `bulk/${i}`, `bulk/${i}`, `${i}`, at)
      }
    })()
    setTimes(db, 'a1', { modified_at: '2024-01-20T00:00:00Z' })
    const started = performance.now()
    const page = timelineEvents(db, {
      from: '2024-01-19T23:00:00Z',
      to: '2024-01-20T01:00:00Z',
      limit: 5000,
      includeNeighbours: true,
    })
    const elapsed = performance.now() - started
    expect(page.events.filter((e) => e.hasFinding)).toHaveLength(1)
    expect(page.events).toHaveLength(122)
    expect(page.total).toBe(122)
    // The query plan below is the real check; this only catches a scan of every row gone wild.
    expect(elapsed).toBeLessThan(10_000)
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM files WHERE modified_at >= ? AND modified_at <= ?
         ORDER BY modified_at LIMIT 10`,
      )
      .all('a', 'b') as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('files_modified_at')
    console.info(`timeline window on 100,000 files: ${elapsed.toFixed(1)} ms`)
  })

  it('sorts stored time shapes by their instant', () => {
    expect(sortableTime('2024-01-01T00:00:00Z') < sortableTime('2024-01-01T00:00:00.5Z')).toBe(true)
    expect(sortableTime('not a time')).toBe('not a time')
  })
})
