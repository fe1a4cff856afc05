import { join } from 'node:path'
import type { CaseHandle } from '../../main/core/case/case-file'
import { createCase } from '../../main/core/case/case-file'
import { addEvidence } from '../../main/core/evidence/add-evidence'
import type { ScanLimits, ScanSummary } from '../../main/core/model/scan'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import type { RunScanInput } from '../../main/core/scan/run-scan'
import { runScan } from '../../main/core/scan/run-scan'
import { sourceLauncher } from './launcher'
import { tempDir } from './temp-dir'

/** A scan of one folder into a fresh case, as the tests run it. */
export interface ScanRun {
  readonly handle: CaseHandle
  readonly summary: ScanSummary
  readonly elapsedMs: number
}

/** Hooks a test may pass on to {@link runScan} (and a compiled-rules cache to reuse). */
export type ScanHooks = Partial<
  Pick<RunScanInput, 'onSpawn' | 'signal' | 'onProgress' | 'cacheDir'>
>

/** Create a case, add `root` as evidence and scan it with `packs` (real scan processes). */
export async function scanIntoNewCase(
  root: string,
  packs: readonly LoadedPack[],
  limits: ScanLimits,
  hooks: ScanHooks = {},
): Promise<ScanRun> {
  const handle = createCase(join(tempDir(), 'case.outpost'), {
    name: 'T',
    examiner: 'ana',
    appVersion: 'test',
  })
  const evidence = await addEvidence(handle, { path: root, examiner: 'ana' })
  const started = Date.now()
  const summary = await runScan({
    db: handle.db,
    caseUuid: handle.info.uuid,
    examiner: 'ana',
    appVersion: 'test',
    evidence: [evidence],
    packs,
    limits,
    launcher: sourceLauncher(),
    cacheDir: tempDir('outpost-cache-'),
    ...hooks,
  })
  return { handle, summary, elapsedMs: Date.now() - started }
}
