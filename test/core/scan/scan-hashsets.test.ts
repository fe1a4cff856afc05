import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listCoverage } from '../../../main/core/case/coverage-repo'
import { listFindings } from '../../../main/core/case/findings-repo'
import { importHashSet } from '../../../main/core/hashsets/import-hash-set'
import { setHashSetEnabled } from '../../../main/core/hashsets/hash-set-repo'
import { caseScanner } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'

const RULE = 'rule Marker { meta: score = 40 strings: $m = "HASHSET-MARK" condition: $m }\n'
const digest = (algo: string, text: string): string => createHash(algo).update(text).digest('hex')

describe('hash sets in a scan', () => {
  it('skips known-good content (coverage known-good) and makes a finding of known-bad content without a rule match', async () => {
    const root = join(tempDir(), 'ev')
    mkdirSync(root)
    const files = {
      'vendor.dll': 'HASHSET-MARK inside a vendor file everyone has',
      'dropper.bin': 'bytes a partner reported',
      'note.txt': 'HASHSET-MARK typed by the user',
      'legacy.exe': 'only its MD5 is on the list',
    }
    for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content)
    const lists = tempDir()
    writeFileSync(
      join(lists, 'good.txt'),
      `# vendor files\n${digest('sha256', files['vendor.dll'])}  vendor.dll\n`,
    )
    writeFileSync(
      join(lists, 'bad.txt'),
      `${digest('sha256', files['dropper.bin'])} dropper\n${digest('md5', files['legacy.exe'])} legacy\n`,
    )
    const scanner = await caseScanner([root])
    const { handle } = scanner
    const good = await importHashSet(handle.db, handle.info.uuid, {
      path: join(lists, 'good.txt'),
      purpose: 'known-good',
      name: 'vendor files',
      examiner: 'ana',
    })
    await importHashSet(handle.db, handle.info.uuid, {
      path: join(lists, 'bad.txt'),
      purpose: 'known-bad',
      name: 'partner iocs',
      examiner: 'ana',
      score: 90,
    })
    const pack = await localPack({ 'm.yar': RULE })
    const scan = () => scanner.scan([pack])
    const findingsOf = (scanId: number) =>
      listFindings(handle.db, { scanId, offset: 0, limit: 100, sort: 'path', direction: 'asc' })
        .rows.map((f) => `${f.path} ${f.ruleName} ${f.score}`)
        .sort()

    const first = await scan()
    expect(findingsOf(first.id)).toEqual([
      'dropper.bin known_bad_partner_iocs 90',
      'legacy.exe known_bad_partner_iocs 90',
      'note.txt Marker 40',
    ])
    const coverage = listCoverage(handle.db, { scanId: first.id, offset: 0, limit: 10 }).rows
    expect(coverage.map((c) => `${c.path} ${c.reason}`)).toEqual(['vendor.dll known-good'])
    expect(coverage[0]?.detail).toMatch(/SHA256 in known-good hash set "vendor files"/)
    expect(first.coverage).toEqual({ 'known-good': 1 })

    // The set disabled: the vendor file is scanned with the rules (a known-good skip is never
    // reused), the rest is unchanged and keeps its findings — the known-bad ones looked up again.
    setHashSetEnabled(handle.db, handle.info.uuid, good.setId, false, 'ana')
    const second = await scan()
    expect(findingsOf(second.id)).toEqual([
      'dropper.bin known_bad_partner_iocs 90',
      'legacy.exe known_bad_partner_iocs 90',
      'note.txt Marker 40',
      'vendor.dll Marker 40',
    ])
    const how = handle.db
      .prepare(
        `SELECT f.path, sf.how FROM scan_files sf JOIN files f ON f.id = sf.file_id
         WHERE sf.scan_id = ? AND f.kind = 'file' ORDER BY f.path`,
      )
      .all(second.id)
    expect(how).toEqual([
      { path: 'dropper.bin', how: 'unchanged' },
      { path: 'legacy.exe', how: 'unchanged' },
      { path: 'note.txt', how: 'unchanged' },
      { path: 'vendor.dll', how: 'scanned' },
    ])
  })
})
