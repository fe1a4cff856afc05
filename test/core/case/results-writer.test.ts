import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCase } from '../../../main/core/case/case-file'
import { recordRulePacks } from '../../../main/core/case/rules-repo'
import type { ProcessedFile } from '../../../main/core/case/results-writer'
import { ResultsWriter } from '../../../main/core/case/results-writer'
import { insertScan } from '../../../main/core/case/scan-repo'
import { addEvidence } from '../../../main/core/evidence/add-evidence'
import type { FileScanResult } from '../../../main/core/scan/child/protocol'
import { SMALL_LIMITS } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { facts } from '../../helpers/lifecycle-case'
import { tempDir } from '../../helpers/temp-dir'

const SHA = 'ab'.repeat(32)

async function writerCase() {
  const root = join(tempDir(), 'ev')
  mkdirSync(root)
  writeFileSync(join(root, 'x'), 'x')
  const handle = createCase(join(tempDir(), 'case.outpost'), {
    name: 'T',
    examiner: 'ana',
    appVersion: 'test',
  })
  const evidence = await addEvidence(handle, { path: root, examiner: 'ana' })
  const pack = await localPack({ 'r.yar': 'rule R { strings: $a = "x" condition: $a }\n' })
  const recorded = recordRulePacks(handle.db, [pack])
  const scanId = insertScan(handle.db, {
    examiner: 'ana',
    appVersion: 'test',
    engine: 'yara-x',
    bindingPackage: 'test',
    bindingVersion: '0',
    ruleSetSha256: 'rules',
    ruleCount: 1,
    compilerOptions: {},
    limits: SMALL_LIMITS,
    evidenceIds: [evidence.id],
    packIds: recorded.packIds,
  })
  handle.db.prepare(`UPDATE scans SET profile_key = 'profile' WHERE id = ?`).run(scanId)
  const writer = new ResultsWriter(handle.db, scanId, recorded, null, 'profile')
  const file = (path: string, result: FileScanResult): ProcessedFile => ({
    facts: facts(evidence.id, path),
    result,
    notes: [],
  })
  const rows = () =>
    handle.db
      .prepare(
        `SELECT f.path, sf.scanned, sf.how, sf.content_key AS key,
           (SELECT count(*) FROM findings x WHERE x.file_id = f.id) AS findings,
           (SELECT group_concat(reason) FROM coverage c WHERE c.file_id = f.id) AS coverage
         FROM scan_files sf JOIN files f ON f.id = sf.file_id ORDER BY f.path`,
      )
      .all()
  return { writer, file, rows, namespace: pack.namespace }
}

function result(extra: Partial<FileScanResult>): FileScanResult {
  return {
    sizeBytes: 1,
    md5: 'cd'.repeat(16),
    sha1: 'ef'.repeat(20),
    sha256: SHA,
    mime: null,
    fileType: '',
    entropy: 0,
    hits: [],
    coverage: [],
    atimeProtected: true,
    scanned: true,
    ...extra,
  }
}

describe('ResultsWriter and reused results', () => {
  it('links a same-content file to the copy scanned earlier in the same batch', async () => {
    const { writer, file, rows, namespace } = await writerCase()
    const hit = { namespace, rule: 'R', tags: [], meta: {}, matches: [] }
    writer.add(file('a', result({ hits: [hit], contentKey: SHA })))
    writer.add(file('b', result({ origin: 'same-content', contentKey: SHA })))
    expect(writer.flush().findings).toBe(2)
    expect(rows()).toEqual([
      { path: 'a', scanned: 1, how: 'scanned', key: SHA, findings: 1, coverage: null },
      { path: 'b', scanned: 1, how: 'same-content', key: SHA, findings: 1, coverage: null },
    ])
  })

  it('never marks a file scanned when the results it was to reuse are not there', async () => {
    const { writer, file, rows } = await writerCase()
    writer.add(file('b', result({ origin: 'same-content', contentKey: SHA })))
    expect(writer.flush().findings).toBe(0)
    expect(rows()).toEqual([
      {
        path: 'b',
        scanned: 0,
        how: 'same-content',
        key: null,
        findings: 0,
        coverage: 'engine-error',
      },
    ])
  })
})
