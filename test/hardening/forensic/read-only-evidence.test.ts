import { chmodSync, lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { localPack } from '../../helpers/local-pack'
import {
  buildForensicEvidence,
  FORENSIC_LIMITS,
  FORENSIC_RULES,
} from '../../security/forensic/forensic-fixtures'
import {
  evidenceRoot,
  expectEvidenceUnchanged,
  expectReadOnlyAccess,
  guardedWorkflow,
} from '../../security/forensic/soundness-run'

/** `chmod -R a-w`. */
function removeWrite(path: string): void {
  const stats = lstatSync(path)
  if (stats.isSymbolicLink()) return
  if (stats.isDirectory()) for (const name of readdirSync(path)) removeWrite(join(path, name))
  chmodSync(path, stats.mode & ~0o222)
}

/**
 * Security-checks B1, read-only evidence: with every evidence file and folder made read-only
 * (`chmod -R a-w`), add + hash + scan + hex view + export still succeed, change nothing, and
 * open nothing for writing. (Under root, CI's user, the mode does not stop writes: what this
 * shows is that the workflow never needs write access; the open guard shows it never asks.)
 */
describe('B1 read-only evidence', () => {
  it('evidence made read-only (chmod -R a-w) is added, hashed, scanned and exported just the same', async () => {
    const root = evidenceRoot()
    const items = buildForensicEvidence(root)
    removeWrite(root)
    const outcome = await guardedWorkflow(
      root,
      items,
      [await localPack(FORENSIC_RULES)],
      FORENSIC_LIMITS,
    )
    expect(outcome.scanned.summary.status).toBe('completed')
    expect(outcome.scanned.evidence.map((e) => e.integrity)).toEqual([
      'not-applicable',
      'not-applicable',
      'pending',
      'pending',
      'pending',
    ])
    expect(outcome.exported.findings).toBeGreaterThan(0)
    expectEvidenceUnchanged(outcome)
    expectReadOnlyAccess(outcome)
    for (const [path, snap] of outcome.after) expect(Number(snap.mode) & 0o222, path).toBe(0)
  })
})
