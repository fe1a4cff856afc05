import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CaseHandle } from '../../../main/core/case/case-file'
import { getFindingDetail } from '../../../main/core/case/finding-detail-repo'
import { listFindings } from '../../../main/core/case/findings-repo'
import { caseScanner } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'

const MARKER = 'REUSE-TEST-MARKER'
const CONTENT_RULE = `rule Marker { meta: score = 70 strings: $m = "${MARKER}" condition: $m }\n`
const NAME_RULE = `rule Marker_In_A { strings: $m = "${MARKER}" condition: $m and filename == "a.txt" }\n`

function origins(handle: CaseHandle, scanId: number): Record<string, string> {
  const rows = handle.db
    .prepare(
      `SELECT e.label || ':' || f.path AS path, sf.how FROM scan_files sf
       JOIN files f ON f.id = sf.file_id JOIN evidence e ON e.id = f.evidence_id
       WHERE sf.scan_id = ? AND f.kind = 'file' ORDER BY 1`,
    )
    .all(scanId) as { path: string; how: string }[]
  return Object.fromEntries(rows.map((r) => [r.path, r.how]))
}

function findingsOf(handle: CaseHandle, scanId: number) {
  return listFindings(handle.db, { scanId, offset: 0, limit: 1000, sort: 'path', direction: 'asc' })
    .rows.map((row) => {
      const detail = getFindingDetail(handle.db, row.id)!
      return {
        path: `${row.evidenceLabel}:${row.path}`,
        rule: row.ruleName,
        matches: detail.matches.map((m) => [m.identifier, m.offset, m.excerptHex]),
      }
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1))
}

function folder(name: string, files: Readonly<Record<string, string>>): string {
  const root = join(tempDir(), name)
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true })
    writeFileSync(join(root, rel), content)
  }
  return root
}

describe('scan reuse (dedup)', () => {
  it('scans identical content once across evidence items and links its findings to every copy', async () => {
    const body = `header ${MARKER} trailer`
    const one = folder('one', { 'a.txt': body, 'clean.txt': 'nothing' })
    const two = folder('two', { 'deep/copy.txt': body, 'other.txt': 'also nothing' })
    const h = await caseScanner([one, two])
    const summary = await h.scan([await localPack({ 'm.yar': CONTENT_RULE })])
    expect(summary.status).toBe('completed')
    expect(origins(h.handle, summary.id)).toEqual({
      'one:a.txt': 'scanned',
      'one:clean.txt': 'scanned',
      'two:deep/copy.txt': 'same-content',
      'two:other.txt': 'scanned',
    })
    const found = findingsOf(h.handle, summary.id)
    expect(found.map((f) => f.path)).toEqual(['one:a.txt', 'two:deep/copy.txt'])
    expect(found[1]!.matches).toEqual(found[0]!.matches)
    expect(summary.findingCount).toBe(2)
  })

  it('re-scans unchanged evidence without reading it, with the same findings; a changed file is scanned again', async () => {
    const root = folder('ev', {
      'a.txt': `x ${MARKER}`,
      'b.txt': 'plain',
      'sub/c.txt': `${MARKER} at the start`,
    })
    const h = await caseScanner([root])
    const pack = await localPack({ 'm.yar': CONTENT_RULE })
    const first = await h.scan([pack])
    const second = await h.scan([pack])
    expect(Object.values(origins(h.handle, second.id))).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ])
    expect(findingsOf(h.handle, second.id)).toEqual(findingsOf(h.handle, first.id))
    expect(second.findingCount).toBe(first.findingCount)
    expect(second.filesScanned).toBe(first.filesScanned)
    expect(second.bytesScanned).toBe(first.bytesScanned)

    appendFileSync(join(root, 'b.txt'), ` now with ${MARKER}`)
    const third = await h.scan([pack])
    expect(origins(h.handle, third.id)).toEqual({
      'ev:a.txt': 'unchanged',
      'ev:b.txt': 'scanned',
      'ev:sub/c.txt': 'unchanged',
    })
    expect(findingsOf(h.handle, third.id).map((f) => f.path)).toEqual([
      'ev:a.txt',
      'ev:b.txt',
      'ev:sub/c.txt',
    ])
  })

  it('keys reuse on the path externals a rule set reads (filename here)', async () => {
    const body = MARKER
    const one = folder('one', { 'a.txt': body, 'b.txt': body })
    const two = folder('two', { 'a.txt': body })
    const h = await caseScanner([one, two])
    const summary = await h.scan([await localPack({ 'n.yar': NAME_RULE })])
    expect(origins(h.handle, summary.id)).toEqual({
      'one:a.txt': 'scanned',
      'one:b.txt': 'scanned',
      'two:a.txt': 'same-content',
    })
    expect(findingsOf(h.handle, summary.id).map((f) => f.path)).toEqual(['one:a.txt', 'two:a.txt'])
  })

  it('scans everything again when reuse is off, or when the rules change', async () => {
    const root = folder('ev', { 'a.txt': MARKER, 'b.txt': MARKER })
    const h = await caseScanner([root])
    const pack = await localPack({ 'm.yar': CONTENT_RULE })
    await h.scan([pack])
    const again = await h.scan([pack], { reuse: false })
    expect(Object.values(origins(h.handle, again.id))).toEqual(['scanned', 'scanned'])
    expect(again.findingCount).toBe(2)
    const other = await h.scan([await localPack({ 'm.yar': CONTENT_RULE.replace('70', '71') })])
    expect(origins(h.handle, other.id)['ev:a.txt']).toBe('scanned')
    expect(other.findingCount).toBe(2)
  })
})
