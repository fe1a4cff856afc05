import { monitorEventLoopDelay } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { createCase } from '../../../main/core/case/case-file'
import {
  exportCaseBundle,
  importBundleFile,
  verifyBundleFile,
} from '../../../main/core/share/share-actions'
import { ShareService } from '../../../main/services/share-service'
import { sharedCase, workbench } from '../../helpers/shared-case'
import { tempDir } from '../../helpers/temp-dir'
import { fakeCases, inflateFindings } from './share-task-fixture'

/**
 * The longest event-loop block of the main thread during an export, a verify and an import of a
 * 10,000-finding case: synchronous (before) and as background tasks (after). Slow (minutes):
 * runs only with OUTPOST_MEASURE_BLOCK=1; prints the figures (docs/background-work.md).
 */
const COPIES = Number(process.env['OUTPOST_MEASURE_COPIES'] ?? 3333)
/** Gaps over 100 ms, with the phase last reported before them (what blocked). */
const gaps: string[] = []
let lastPhase = '(none)'

/** The longest gap between two 5 ms ticks while `work` runs, and how long it ran. */
async function longestBlock(work: () => unknown): Promise<{ maxMs: number; totalMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 })
  let last = performance.now()
  let maxGap = 0
  const probe = setInterval(() => {
    const now = performance.now()
    if (now - last > 100) gaps.push(`${(now - last).toFixed(0)} ms after "${lastPhase}"`)
    maxGap = Math.max(maxGap, now - last)
    last = now
  }, 5)
  histogram.enable()
  const started = performance.now()
  // Let the probe tick once, so a synchronous `work` is measured as the block it is.
  await new Promise((resolve) => setTimeout(resolve, 20))
  last = performance.now()
  await work()
  await new Promise((resolve) => setTimeout(resolve, 20))
  const totalMs = performance.now() - started - 40
  histogram.disable()
  clearInterval(probe)
  return { maxMs: Math.max(maxGap, histogram.max / 1e6), totalMs }
}

describe.runIf(process.env['OUTPOST_MEASURE_BLOCK'] === '1')('main-thread blocks', () => {
  it(
    'measures export, verify and import before and after',
    async () => {
      const { handle } = await sharedCase()
      const findings = 3 + (3 * inflateFindings(handle.db, COPIES)) / 3
      const sender = workbench('Example CERT')
      const request = {
        tlp: 'amber',
        redaction: 'none',
        examiner: 'ana',
        toolVersion: 'm',
      } as const
      const share = new ShareService({
        cases: fakeCases(handle),
        dataDir: sender.dataDir,
        appVersion: 'm',
        keychain: null,
        events: {
          emit: (_event, payload) => {
            lastPhase = (payload as { phase: string }).phase
          },
        },
      })
      let zipPath = ''
      const syncExport = await longestBlock(() => {
        zipPath = exportCaseBundle(
          handle.db,
          handle.info.uuid,
          request,
          sender.signer,
          tempDir(),
        ).zipPath
      })
      const taskExport = await longestBlock(() =>
        share.exportBundle({
          folder: tempDir(),
          tlp: 'amber',
          redaction: 'none',
          passphrase: 'correct horse',
        }),
      )
      const syncVerify = await longestBlock(() => verifyBundleFile(zipPath, sender.stores, {}))
      const taskVerify = await longestBlock(() => share.verify(zipPath, false))
      const target = () =>
        createCase(`${tempDir()}/b.outpost`, { name: 'b', examiner: 'b', appVersion: 'm' })
      const first = target()
      const syncImport = await longestBlock(() =>
        importBundleFile(zipPath, sender.stores, {
          db: first.db,
          caseUuid: first.info.uuid,
          actor: 'b',
        }),
      )
      const second = target()
      const receiver = new ShareService({
        cases: fakeCases(second),
        dataDir: sender.dataDir,
        appVersion: 'm',
        keychain: null,
      })
      const taskImport = await longestBlock(() => receiver.importBundle(zipPath, false))
      const row = (
        name: string,
        before: { maxMs: number; totalMs: number },
        after: { maxMs: number; totalMs: number },
      ) =>
        `${name}: sync ${before.totalMs.toFixed(0)} ms (longest block ${before.maxMs.toFixed(0)} ms); ` +
        `background ${after.totalMs.toFixed(0)} ms (longest block ${after.maxMs.toFixed(0)} ms)`
      console.log(
        [
          `${findings} findings`,
          row('export', syncExport, taskExport),
          row('verify', syncVerify, taskVerify),
          row('import', syncImport, taskImport),
          ...gaps,
        ].join('\n'),
      )
      for (const after of [taskExport, taskVerify, taskImport])
        expect(after.maxMs).toBeLessThan(200)
    },
    20 * 60_000,
  )
})
