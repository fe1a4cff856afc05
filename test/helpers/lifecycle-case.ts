import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CaseHandle } from '../../main/core/case/case-file'
import { createCase } from '../../main/core/case/case-file'
import type { FileFacts } from '../../main/core/case/results-writer'
import { ResultsWriter } from '../../main/core/case/results-writer'
import { recordRulePacks } from '../../main/core/case/rules-repo'
import { insertScan } from '../../main/core/case/scan-repo'
import { addEvidence } from '../../main/core/evidence/add-evidence'
import { SMALL_LIMITS } from './case-scanner'
import { localPack } from './local-pack'
import { tempDir } from './temp-dir'

/** Content hashes of the files {@link lifecycleCase} records. */
export const SHA_A = 'aa'.repeat(32)
export const SHA_B = 'bb'.repeat(32)

/** A rule with an `id` meta and one without, in the `lc` pack (namespace `lc`). */
const RULES =
  'rule WithId { meta: id = "LC-1" strings: $a = "x" condition: $a }\n' +
  'rule NoId { strings: $a = "y" condition: $a }\n'

/** A file the writer records: its path, content hash (null: not hashed) and rules that hit. */
export interface RecordedFile {
  readonly path: string
  readonly sha256: string | null
  readonly rules: readonly string[]
}

/** The default files: two with the same content, one other, one not hashed. */
export const DEFAULT_FILES: readonly RecordedFile[] = [
  { path: 'a1', sha256: SHA_A, rules: ['WithId', 'NoId'] },
  { path: 'a2', sha256: SHA_A, rules: ['WithId'] },
  { path: 'b', sha256: SHA_B, rules: ['WithId'] },
  { path: 'unhashed', sha256: null, rules: ['WithId'] },
]

/** A case whose scan results are written straight through the results writer (no YARA). */
export interface LifecycleCase {
  readonly handle: CaseHandle
  readonly path: string
  /** Write one more scan of `files`; returns its id and its finding ids by `path rule`. */
  scan(files?: readonly RecordedFile[]): { scanId: number; ids: Map<string, number> }
}

/** Create a case with one evidence folder and the `lc` pack, ready to record scans. */
export async function lifecycleCase(): Promise<LifecycleCase> {
  const root = join(tempDir(), 'ev')
  mkdirSync(root)
  writeFileSync(join(root, 'x'), 'x')
  const path = join(tempDir(), 'case.outpost')
  const handle = createCase(path, { name: 'T', examiner: 'ana', appVersion: 'test' })
  const evidence = await addEvidence(handle, { path: root, examiner: 'ana' })
  const pack = await localPack({ 'lc.yar': RULES }, 'lc')
  return {
    handle,
    path,
    scan(files = DEFAULT_FILES) {
      const recorded = recordRulePacks(handle.db, [pack])
      const scanId = insertScan(handle.db, {
        examiner: 'ana',
        appVersion: 'test',
        engine: 'yara-x',
        bindingPackage: 'test',
        bindingVersion: '0',
        ruleSetSha256: 'rules',
        ruleCount: 2,
        compilerOptions: {},
        limits: SMALL_LIMITS,
        evidenceIds: [evidence.id],
        packIds: recorded.packIds,
      })
      const writer = new ResultsWriter(handle.db, scanId, recorded, null, null)
      for (const file of files) {
        writer.add({
          facts: facts(evidence.id, file.path),
          notes: [],
          result: {
            sizeBytes: 1,
            md5: null,
            sha1: null,
            sha256: file.sha256,
            mime: null,
            fileType: '',
            entropy: 0,
            hits: file.rules.map((rule) => ({
              namespace: pack.namespace,
              rule,
              tags: [],
              meta: {},
              matches: [{ identifier: '$a', offset: 0, length: 1, excerptHex: '78' }],
            })),
            coverage: [],
            atimeProtected: true,
            scanned: true,
          },
        })
      }
      writer.flush()
      const rows = handle.db
        .prepare(
          `SELECT f.id, fl.path, r.name FROM findings f JOIN files fl ON fl.id = f.file_id
           JOIN rules r ON r.id = f.rule_pk WHERE f.scan_id = ?`,
        )
        .all(scanId) as { id: number; path: string; name: string }[]
      return { scanId, ids: new Map(rows.map((r) => [`${r.path} ${r.name}`, r.id])) }
    },
  }
}

/** The facts of a one-byte regular file at `path` (nothing else known), for writer tests. */
export function facts(evidenceId: number, path: string): FileFacts {
  return {
    evidenceId,
    entryKey: path,
    path,
    name: path,
    kind: 'file',
    linkTarget: null,
    sizeBytes: 1,
    inode: null,
    mode: null,
    owner: null,
    times: { modified: null, accessed: null, changed: null, born: null },
  }
}
