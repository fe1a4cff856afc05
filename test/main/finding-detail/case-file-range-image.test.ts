import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { getFindingDetail } from '../../../main/core/case/finding-detail-repo'
import { listFindings } from '../../../main/core/case/findings-repo'
import { AppError } from '../../../main/core/model/errors'
import { readCaseFileRange } from '../../../main/core/rules/case-file-range'
import { caseScanner, SMALL_LIMITS } from '../../helpers/case-scanner'
import { ROOT } from '../../helpers/launcher'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'

const RULES = {
  'ntfs.yar': `
rule Resident { strings: $a = "tiny 0000000000" condition: $a }
rule Fragmented { strings: $a = "fragmented 0000000000" $b = "fragmented 0000039974" condition: all of them }
`,
}

describe('files:read ranges of files inside a disk image (NTFS fixture)', () => {
  it('reads a fragmented file through its runs, and refuses resident data with what is shown instead', async () => {
    const image = join(tempDir(), 'ntfs.img')
    writeFileSync(
      image,
      gunzipSync(readFileSync(join(ROOT, 'test/fixtures/images/fs-ntfs.img.gz'))),
    )
    const scanner = await caseScanner([image], { ...SMALL_LIMITS, maxFileBytes: 16 * 1024 * 1024 })
    await scanner.scan([await localPack(RULES)])
    const db = scanner.handle.db
    const rows = listFindings(db, { offset: 0, limit: 100, sort: 'id', direction: 'asc' }).rows
    const fragmented = getFindingDetail(db, rows.find((r) => r.ruleName === 'Fragmented')!.id)!
    const last = fragmented.matches.find((m) => m.identifier === '$b')!
    // The second fragment: read through the runs, the bytes are the matched ones.
    const range = await readCaseFileRange(db, fragmented.file.id, last.offset, last.length)
    expect(range.bytes.toString('latin1')).toBe('fragmented 0000039974')
    expect(range.sizeBytes).toBe(fragmented.file.sizeBytes)
    const end = await readCaseFileRange(db, fragmented.file.id, range.sizeBytes - 3, 100)
    expect(end.bytes).toHaveLength(3)

    const resident = getFindingDetail(db, rows.find((r) => r.ruleName === 'Resident')!.id)!
    const refused = await readCaseFileRange(db, resident.file.id, 0, 16).then(
      () => null,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(AppError)
    expect((refused as AppError).message).toMatch(
      /only readable through its file system.*the stored match excerpts are shown instead/,
    )
  })
})
