import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { getFindingDetail } from '../../../main/core/case/finding-detail-repo'
import { listFindings } from '../../../main/core/case/findings-repo'
import { getRelatedFindings } from '../../../main/core/case/related-repo'
import { AppError } from '../../../main/core/model/errors'
import { readCaseFileRange } from '../../../main/core/rules/case-file-range'
import { caseScanner } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'

const RULES = {
  'detail.yar': `rule Marker_Pair
{
    meta:
        description = "<img src=x onerror=alert(1)> \u202e marker"
        score = 70
    strings:
        $m = "outpost-marker"
        $n = "second-string"
        $unused = "never-there"
    condition:
        $m or $n or $unused
}

rule Any_Second
{
    strings:
        $s = "second-string"
    condition:
        $s
}
`,
}

/** `outpost-marker` at offset 10, `second-string` at 40, in 64 bytes. */
function content(): Buffer {
  const bytes = Buffer.alloc(64, 0x2e)
  bytes.write('outpost-marker', 10, 'latin1')
  bytes.write('second-string', 40, 'latin1')
  return bytes
}

async function scannedFolder() {
  const root = join(tempDir('outpost-ev-'), 'evidence')
  mkdirSync(join(root, 'a'), { recursive: true })
  mkdirSync(join(root, 'b'), { recursive: true })
  writeFileSync(join(root, 'a', 'one.bin'), content())
  writeFileSync(join(root, 'b', 'copy.bin'), content())
  writeFileSync(join(root, 'other.txt'), 'only outpost-marker here')
  const scanner = await caseScanner([root])
  await scanner.scan([await localPack(RULES)])
  const rows = listFindings(scanner.handle.db, {
    offset: 0,
    limit: 100,
    sort: 'id',
    direction: 'asc',
  }).rows
  const find = (rule: string, path: string) =>
    rows.find((r) => r.ruleName === rule && r.path === path)!
  return { root, db: scanner.handle.db, find, rows }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error: unknown) {
    return error instanceof AppError
      ? `${error.code}: ${error.message}`
      : `not AppError ${String(error)}`
  }
  return 'no error'
}

describe('finding detail, related findings and file ranges of a host folder', () => {
  it('gives the rule source, the file id and every match', async () => {
    const { db, find } = await scannedFolder()
    const finding = find('Marker_Pair', 'a/one.bin')
    const detail = getFindingDetail(db, finding.id)!
    expect(detail.rule.source).toContain('$unused = "never-there"')
    expect(detail.rule.source).toContain('rule Marker_Pair')
    expect(detail.rule.meta['description']).toBe('<img src=x onerror=alert(1)> \u202e marker')
    expect(detail.matches.map((m) => [m.identifier, m.offset, m.length])).toEqual([
      ['$m', 10, 14],
      ['$n', 40, 13],
    ])
    const range = await readCaseFileRange(db, detail.file.id, 0, 64)
    expect(range.bytes.equals(content())).toBe(true)
    expect(getFindingDetail(db, 999_999)).toBeUndefined()
  })

  it('lists other files with the same SHA-256 and the other findings of the same file', async () => {
    const { db, find } = await scannedFolder()
    const finding = find('Marker_Pair', 'a/one.bin')
    const related = getRelatedFindings(db, finding.id)!
    expect(related.sameHash.total).toBe(1)
    expect(related.sameHash.items).toEqual([
      expect.objectContaining({
        path: 'b/copy.bin',
        findingCount: 2,
        location: null,
      }),
    ])
    expect(typeof related.sameHash.items[0]!.firstFindingId).toBe('number')
    const copyFinding = related.sameHash.items[0]!.firstFindingId!
    expect(getFindingDetail(db, copyFinding)!.finding.path).toBe('b/copy.bin')
    expect(related.sameFile).toEqual({
      total: 1,
      items: [
        expect.objectContaining({ id: find('Any_Second', 'a/one.bin').id, ruleName: 'Any_Second' }),
      ],
    })
    const lone = getRelatedFindings(db, find('Marker_Pair', 'other.txt').id)!
    expect(lone.sameHash).toEqual({ total: 0, items: [] })
    expect(lone.sameFile).toEqual({ total: 0, items: [] })
    expect(getRelatedFindings(db, 999_999)).toBeUndefined()
  })

  it('reads a range, clipped to the file, and nothing past its end', async () => {
    const { db, find } = await scannedFolder()
    const fileId = getFindingDetail(db, find('Marker_Pair', 'a/one.bin').id)!.file.id
    const middle = await readCaseFileRange(db, fileId, 10, 14)
    expect(middle.bytes.toString('latin1')).toBe('outpost-marker')
    expect(middle.sizeBytes).toBe(64)
    const tail = await readCaseFileRange(db, fileId, 60, 4096)
    expect(tail.bytes).toHaveLength(4)
    const beyond = await readCaseFileRange(db, fileId, 1_000_000, 16)
    expect(beyond.bytes).toHaveLength(0)
    expect(await codeOf(readCaseFileRange(db, fileId, 0, 65_537))).toMatch(/^INVALID_INPUT/)
    expect(await codeOf(readCaseFileRange(db, fileId, -1, 16))).toMatch(/^INVALID_INPUT/)
    expect(await codeOf(readCaseFileRange(db, 999_999, 0, 16))).toMatch(/^NOT_FOUND/)
  })

  it('refuses links (the file or a folder on its path), a changed file and a missing one', async () => {
    const { root, db, find } = await scannedFolder()
    const idOf = (path: string) => getFindingDetail(db, find('Marker_Pair', path).id)!.file.id
    const outside = join(tempDir(), 'outside.bin')
    writeFileSync(outside, content())

    rmSync(join(root, 'a', 'one.bin'))
    symlinkSync(outside, join(root, 'a', 'one.bin'))
    expect(await codeOf(readCaseFileRange(db, idOf('a/one.bin'), 0, 16))).toMatch(
      /^INVALID_INPUT: .*link/,
    )

    const outsideDir = join(tempDir(), 'b')
    mkdirSync(outsideDir)
    writeFileSync(join(outsideDir, 'copy.bin'), content())
    renameSync(join(root, 'b'), join(root, 'b-moved'))
    symlinkSync(outsideDir, join(root, 'b'))
    expect(await codeOf(readCaseFileRange(db, idOf('b/copy.bin'), 0, 16))).toMatch(
      /^INVALID_INPUT: .*link/,
    )

    writeFileSync(join(root, 'other.txt'), 'only outpost-marker here, and more now')
    expect(await codeOf(readCaseFileRange(db, idOf('other.txt'), 0, 16))).toMatch(
      /^INVALID_INPUT: .*changed since it was scanned/,
    )
    rmSync(join(root, 'other.txt'))
    expect(await codeOf(readCaseFileRange(db, idOf('other.txt'), 0, 16))).toMatch(
      /^PATH_NOT_FOUND: .*no longer there/,
    )
    rmSync(root, { recursive: true })
    expect(await codeOf(readCaseFileRange(db, idOf('b/copy.bin'), 0, 16))).toMatch(
      /^PATH_NOT_FOUND/,
    )
  })
})
