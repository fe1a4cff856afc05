import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { CaseHandle } from '../../../main/core/case/case-file'
import { createCase } from '../../../main/core/case/case-file'
import type { Db } from '../../../main/core/case/open-case-db'
import { addEvidence } from '../../../main/core/evidence/add-evidence'
import { AppError } from '../../../main/core/model/errors'
import type { Evidence } from '../../../main/core/model/evidence'
import type { ExportResult } from '../../../main/core/model/sharing'
import type { ScanLimits, ScanSummary } from '../../../main/core/model/scan'
import type { LoadedPack } from '../../../main/core/rules/load-pack'
import { readCaseFileRange } from '../../../main/core/rules/case-file-range'
import type { ScanChildLauncher } from '../../../main/core/scan/child/child-handle'
import { hashImageEvidence } from '../../../main/core/scan/hash-image'
import { runScan } from '../../../main/core/scan/run-scan'
import type { Signer } from '../../../main/core/share/keys/key-store'
import { exportCaseBundle } from '../../../main/core/share/share-actions'
import type { FileSnapshot } from '../../helpers/evidence-snapshot'
import { ageTree, listTree, snapshotPaths } from '../../helpers/evidence-snapshot'
import type { GuardRecord } from '../../helpers/open-guard'
import { childOpenGuard, installOpenGuard } from '../../helpers/open-guard'
import { workbench } from '../../helpers/shared-case'
import { tempDir } from '../../helpers/temp-dir'

/** The export every soundness run makes (no redaction: the bundle says everything). */
export const EXPORT_REQUEST = {
  tlp: 'amber',
  redaction: 'none',
  examiner: 'ana',
  toolVersion: 'test',
} as const

/** A fresh case (outside the evidence) with these items added, hashed and scanned once. */
export interface ScannedCase {
  readonly handle: CaseHandle
  readonly evidence: readonly Evidence[]
  readonly summary: ScanSummary
}

/**
 * Add each path as evidence, hash every image in full (in a scan process), and scan all of it
 * with `packs` — the workflow of the app's "add evidence" then "scan".
 */
export async function addHashScan(
  paths: readonly string[],
  packs: readonly LoadedPack[],
  limits: ScanLimits,
  launcher: ScanChildLauncher,
  hashImages = true,
): Promise<ScannedCase> {
  const handle = createCase(join(tempDir('outpost-case-'), 'case.outpost'), {
    name: 'T',
    examiner: 'ana',
    appVersion: 'test',
  })
  const evidence: Evidence[] = []
  for (const path of paths) evidence.push(await addEvidence(handle, { path, examiner: 'ana' }))
  // Two hashing processes at a time (as many as CI has cores): each starts through tsx.
  const images = hashImages ? evidence.filter((e) => e.kind === 'image') : []
  const hashNext = async (): Promise<void> => {
    for (let item = images.shift(); item !== undefined; item = images.shift())
      await hashImageEvidence(handle, item, { launcher, examiner: 'ana' })
  }
  await Promise.all([hashNext(), hashNext()])
  const summary = await runScan({
    db: handle.db,
    caseUuid: handle.info.uuid,
    examiner: 'ana',
    appVersion: 'test',
    evidence,
    packs,
    limits,
    launcher,
    cacheDir: tempDir('outpost-cache-'),
  })
  return { handle, evidence, summary }
}

/**
 * The hex view (`files:read`) of the first 64 bytes of up to `max` files with findings. Content
 * only its file system can give (resident, compressed) is refused with `INVALID_INPUT`, as
 * designed; those count as refused. Returns how many were read.
 */
export async function readFindingFiles(
  db: Db,
  max = 20,
): Promise<{ read: number; refused: number }> {
  const ids = db
    .prepare('SELECT DISTINCT file_id AS id FROM findings ORDER BY file_id LIMIT ?')
    .all(max) as { id: number }[]
  let refused = 0
  for (const { id } of ids) {
    try {
      await readCaseFileRange(db, id, 0, 64)
    } catch (error: unknown) {
      if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error
      refused += 1
    }
  }
  return { read: ids.length - refused, refused }
}

/** Export the case's latest scan as a signed bundle into a fresh folder. */
export function exportBundle(
  handle: CaseHandle,
  signer: Signer = workbench('Example CERT').signer,
): ExportResult {
  const out = tempDir('outpost-export-')
  return exportCaseBundle(handle.db, handle.info.uuid, EXPORT_REQUEST, signer, out)
}

/** What a guarded add + hash + scan + hex view + export saw and did. */
export interface SoundnessOutcome {
  readonly scanned: ScannedCase
  readonly exported: ExportResult
  readonly hexReads: { readonly read: number; readonly refused: number }
  /** Calls under the evidence root made by the test process (add, hex view, export). */
  readonly mainRecords: readonly GuardRecord[]
  /** Calls under the evidence root made by the scan processes (hashing, scanning). */
  readonly childRecords: readonly GuardRecord[]
  readonly before: Map<string, FileSnapshot>
  readonly after: Map<string, FileSnapshot>
  readonly pathsBefore: readonly string[]
  readonly pathsAfter: readonly string[]
}

/**
 * Security-checks B1 + B2 over everything under `root`: age every entry (atime 2020, older than
 * mtime 2021, so even a relatime mount would update it), snapshot, then add `items` (paths
 * under `root`), hash, scan, read findings in the hex view and export — with `fs` guarded in
 * this process and in every scan process — and snapshot again.
 */
export async function guardedWorkflow(
  root: string,
  items: readonly string[],
  packs: readonly LoadedPack[],
  limits: ScanLimits,
  hashImages = true,
): Promise<SoundnessOutcome> {
  const pathsBefore = listTree(root)
  ageTree(root, pathsBefore)
  const before = snapshotPaths(root, pathsBefore)
  const child = childOpenGuard([root])
  const guard = installOpenGuard([root])
  let scanned: ScannedCase
  let exported: ExportResult
  let hexReads: SoundnessOutcome['hexReads']
  try {
    scanned = await addHashScan(items, packs, limits, child.launcher, hashImages)
    hexReads = await readFindingFiles(scanned.handle.db)
    exported = exportBundle(scanned.handle)
  } finally {
    guard.uninstall()
    child.dispose()
  }
  const after = snapshotPaths(root, pathsBefore)
  return {
    scanned,
    exported,
    hexReads,
    mainRecords: guard.records,
    childRecords: child.records(),
    before,
    after,
    pathsBefore,
    pathsAfter: listTree(root),
  }
}

/**
 * B1's verdict: every file identical (SHA-256, size, mode, inode, atime/mtime/ctime in ns), no
 * entry added or removed. A folder's atime may move (Node lists folders without O_NOATIME;
 * the scan reports it) — everything else about folders must hold. Returns the folders whose
 * atime moved.
 */
export function expectEvidenceUnchanged(outcome: SoundnessOutcome): string[] {
  expect(outcome.pathsAfter).toEqual(outcome.pathsBefore)
  const movedFolders: string[] = []
  for (const [path, was] of outcome.before) {
    const now = outcome.after.get(path)!
    if (was.kind === 'dir' && now.atimeNs !== was.atimeNs) {
      movedFolders.push(path)
      expect({ ...now, atimeNs: 0n }, path).toEqual({ ...was, atimeNs: 0n })
    } else expect(now, path).toEqual(was)
  }
  return movedFolders
}

/** B2's verdict: no write-capable call, and the guards did see the evidence being read. */
export function expectReadOnlyAccess(outcome: SoundnessOutcome): void {
  expect(outcome.mainRecords.filter((r) => r.write)).toEqual([])
  expect(outcome.childRecords.filter((r) => r.write)).toEqual([])
  // Proof the guards were in the path: the scan processes read the evidence through them.
  expect(outcome.childRecords.length).toBeGreaterThan(0)
}

/** A folder under a fresh temp dir, for evidence (cases and exports go elsewhere). */
export function evidenceRoot(): string {
  const root = join(tempDir('outpost-evidence-'), 'evidence')
  mkdirSync(root)
  return root
}
