import { join } from 'node:path'
import type { CaseHandle } from '../../main/core/case/case-file'
import { createCase } from '../../main/core/case/case-file'
import { addEvidence } from '../../main/core/evidence/add-evidence'
import type { Evidence } from '../../main/core/model/evidence'
import type { ScanLimits, ScanSummary } from '../../main/core/model/scan'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import { runScan } from '../../main/core/scan/run-scan'
import type { RunScanInput } from '../../main/core/scan/run-scan'
import { sourceLauncher } from './launcher'
import { tempDir } from './temp-dir'

/** Limits for small test evidence: 1 MiB whole files, quick deadlines, one process. */
export const SMALL_LIMITS: ScanLimits = {
  maxFileBytes: 1024 * 1024,
  engineTimeoutMs: 10_000,
  hardDeadlineMs: 30_000,
  matchCapPerPattern: 100,
  excerptBytes: 32,
  processes: 1,
}

/** One case with its evidence, scanned again and again (one rule cache: reuse tests). */
export interface CaseScanner {
  readonly handle: CaseHandle
  readonly evidence: readonly Evidence[]
  scan(packs: readonly LoadedPack[], extra?: Partial<RunScanInput>): Promise<ScanSummary>
}

/** Create a case, add each path as evidence, and return a scanner over all of them. */
export async function caseScanner(
  paths: readonly string[],
  limits: ScanLimits = SMALL_LIMITS,
): Promise<CaseScanner> {
  const handle = createCase(join(tempDir(), 'case.outpost'), {
    name: 'T',
    examiner: 'ana',
    appVersion: 'test',
  })
  const evidence: Evidence[] = []
  for (const path of paths) evidence.push(await addEvidence(handle, { path, examiner: 'ana' }))
  const cacheDir = tempDir('outpost-cache-')
  return {
    handle,
    evidence,
    scan: (packs, extra = {}) =>
      runScan({
        db: handle.db,
        caseUuid: handle.info.uuid,
        examiner: 'ana',
        appVersion: 'test',
        evidence,
        packs,
        limits,
        launcher: sourceLauncher(),
        cacheDir,
        ...extra,
      }),
  }
}
