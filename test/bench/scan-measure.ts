import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCase } from '../../main/core/case/case-file'
import { addEvidence } from '../../main/core/evidence/add-evidence'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import { createNodeChildLauncher } from '../../main/core/scan/child/node-child-launcher'
import { defaultScanLimits } from '../../main/core/scan/default-limits'
import { runScan } from '../../main/core/scan/run-scan'
import { ROOT } from '../helpers/launcher'
import { timed } from './measures'

/** What one benchmark scan did and how long it took (rule compilation included). */
export interface TimedScan {
  readonly ms: number
  readonly summary: Awaited<ReturnType<typeof runScan>>
  /** With `rescan`: the second scan of the same evidence with the same rules, same case. */
  readonly rescan?: { readonly ms: number; readonly summary: Awaited<ReturnType<typeof runScan>> }
}

/**
 * `path` (a folder or a disk image) added to a fresh case and scanned with `packs` by
 * `processes` scan processes of the built app, as `outpost scan` does; with `rescan`, scanned a
 * second time into the same case (unchanged evidence, same rules). The case is deleted after.
 */
export async function timedScan(
  path: string,
  packs: readonly LoadedPack[],
  processes: number,
  rescan = false,
): Promise<TimedScan> {
  const work = mkdtempSync(join(tmpdir(), 'outpost-bench-'))
  try {
    const handle = createCase(join(work, 'bench.outpost'), {
      name: 'bench',
      examiner: 'bench',
      appVersion: 'bench',
    })
    const evidence = await addEvidence(handle, { path, examiner: 'bench' })
    const scan = async (): Promise<{ ms: number; summary: TimedScan['summary'] }> => {
      let summary: TimedScan['summary'] | undefined
      const ms = await timed(async () => {
        summary = await runScan({
          db: handle.db,
          caseUuid: handle.info.uuid,
          examiner: 'bench',
          appVersion: 'bench',
          evidence: [evidence],
          packs,
          limits: { ...defaultScanLimits(), processes },
          launcher: createNodeChildLauncher({ path: join(ROOT, 'out/main/scan-child.js') }),
          cacheDir: join(work, 'cache'),
        })
      })
      if (summary === undefined) throw new Error(`the benchmark scan of ${path} gave no summary`)
      return { ms, summary }
    }
    const first = await scan()
    const second = rescan ? await scan() : undefined
    handle.db.close()
    return second === undefined ? first : { ...first, rescan: second }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
