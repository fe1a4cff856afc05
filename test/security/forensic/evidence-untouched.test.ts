import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { localPack } from '../../helpers/local-pack'
import {
  buildForensicEvidence,
  FORENSIC_LIMITS,
  FORENSIC_RULES,
  HEAVY_TIMEOUT_MS,
} from './forensic-fixtures'
import {
  evidenceRoot,
  expectEvidenceUnchanged,
  expectReadOnlyAccess,
  guardedWorkflow,
} from './soundness-run'

/** Whether a plain read moves atime here (false on a noatime mount: then B1's atime part proves nothing). */
function plainReadMovesAtime(): boolean {
  const file = join(evidenceRoot(), 'probe.txt')
  writeFileSync(file, 'probe')
  utimesSync(file, new Date('2020-01-01T00:00:00Z'), new Date('2021-06-01T00:00:00Z'))
  const before = statSync(file, { bigint: true }).atimeNs
  readFileSync(file)
  return statSync(file, { bigint: true }).atimeNs !== before
}

const ATIME_MOVES = plainReadMovesAtime()

/**
 * Security-checks B1 (bytes and ns timestamps unchanged, no new files, read-only evidence scans)
 * and B2 (no write-capable open under the evidence root, in this process and in the scan
 * processes) over a folder tree, a single file, a raw FAT16 image, a split raw image and an E01:
 * add + full image hash + scan + hex view + signed export. The read-only variant (chmod -R a-w)
 * is in test/hardening/forensic/read-only-evidence.test.ts.
 */
describe('B1/B2 evidence is never changed', () => {
  it('control: a plain read DOES move an old atime on this machine (so the B1 atime check can fail)', (ctx) => {
    if (!ATIME_MOVES)
      ctx.skip('this temp filesystem is mounted noatime: a changed atime could not show')
    expect(ATIME_MOVES).toBe(true)
  })

  it(
    'B1+B2: add, hash, scan, hex view and export change no byte, no ns time, no inode and open nothing for writing',
    { timeout: HEAVY_TIMEOUT_MS },
    async () => {
      const root = evidenceRoot()
      const items = buildForensicEvidence(root)
      const pack = await localPack(FORENSIC_RULES)
      const outcome = await guardedWorkflow(root, items, [pack], FORENSIC_LIMITS)

      expect(outcome.scanned.summary.status).toBe('completed')
      expect(outcome.scanned.evidence.map((e) => e.kind)).toEqual([
        'folder',
        'file',
        'image',
        'image',
        'image',
      ])
      expect(outcome.exported.findings).toBeGreaterThan(0)
      expect(outcome.hexReads.read).toBeGreaterThan(0)
      const movedFolders = expectEvidenceUnchanged(outcome)
      expectReadOnlyAccess(outcome)

      // Every evidence file was read through the guards (segments and parts included), and the
      // test process's own reads (add, hex view) were seen too.
      const seen = new Set([...outcome.childRecords, ...outcome.mainRecords].map((r) => r.path))
      const files = outcome.pathsBefore.filter((p) => outcome.before.get(p)!.kind === 'file')
      const unseen = files.filter((f) => !seen.has(join(root, f)))
      expect(unseen).toEqual([])
      expect(outcome.mainRecords.length).toBeGreaterThan(0)
      console.info(
        `[B1/B2] ${files.length} files, ${outcome.childRecords.length} guarded calls in scan processes, ` +
          `${outcome.mainRecords.length} in the test process, 0 writes; folders whose atime moved: ${movedFolders.length}; ` +
          `atime control ${ATIME_MOVES ? 'moves' : 'noatime'}`,
      )
    },
  )
})
