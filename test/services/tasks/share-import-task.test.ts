import { describe, expect, it } from 'vitest'
import { verifyAudit } from '../../../main/core/case/audit-log'
import { createCase } from '../../../main/core/case/case-file'
import { AppError } from '../../../main/core/model/errors'
import type { TaskProgress } from '../../../main/core/model/tasks'
import { exportCaseBundle } from '../../../main/core/share/share-actions'
import { ShareService } from '../../../main/services/share-service'
import { sharedCase, workbench } from '../../helpers/shared-case'
import { tempDir } from '../../helpers/temp-dir'
import { caseCounts, fakeCases, inflateFindings } from './share-task-fixture'

/** Phases that run inside the import's transaction (after its first write). */
const INSIDE = new Set(['reading the STIX bundle', 'importing rules', 'importing findings'])

async function partnerBundle(copies: number): Promise<string> {
  const { handle } = await sharedCase()
  inflateFindings(handle.db, copies)
  const sender = workbench('Example CERT')
  return exportCaseBundle(
    handle.db,
    handle.info.uuid,
    { tlp: 'amber', redaction: 'none', examiner: 'ana', toolVersion: 'test' },
    sender.signer,
    tempDir(),
  ).zipPath
}

function receiver() {
  const handle = createCase(`${tempDir()}/b.outpost`, {
    name: 'receiver',
    examiner: 'ben',
    appVersion: 'test',
  })
  const events: TaskProgress[] = []
  const share = new ShareService({
    cases: fakeCases(handle),
    dataDir: tempDir('outpost-data-'),
    appVersion: 'test',
    keychain: null,
    events: {
      emit(event, payload) {
        if (event === 'task:progress') events.push(payload as TaskProgress)
      },
    },
  })
  return { handle, share, events }
}

describe('share import and verify as background tasks', () => {
  it('verifies and imports in the background, with progress ending at done = total', async () => {
    const zipPath = await partnerBundle(0)
    const { handle, share, events } = receiver()
    const verifyId = crypto.randomUUID()
    const importId = crypto.randomUUID()

    const view = await share.verify(zipPath, true, verifyId)
    const result = await share.importBundle(zipPath, true, importId)

    expect(view.counts.findings).toBe(3)
    expect(result.alreadyImported).toBe(false)
    expect(caseCounts(handle.db).partner_findings).toBe(3)
    for (const [id, kind] of [
      [verifyId, 'verify'],
      [importId, 'import'],
    ] as const) {
      const mine = events.filter((e) => e.taskId === id)
      expect(mine.every((e) => e.kind === kind)).toBe(true)
      const last = mine.at(-1)
      expect(last?.done).toBe(last?.total)
    }
    expect(verifyAudit(handle.db, handle.info.uuid).ok).toBe(true)
  })

  it('leaves the case unchanged and its audit chain intact when an import is cancelled', async () => {
    const zipPath = await partnerBundle(1500)
    const { handle, share, events } = receiver()
    const before = caseCounts(handle.db)
    const taskId = crypto.randomUUID()

    const running = share.importBundle(zipPath, true, taskId)
    // Cancel once the rows are going in: the transaction must roll back.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (events.some((e) => e.taskId === taskId && INSIDE.has(e.phase))) {
          clearInterval(timer)
          resolve()
        }
      }, 2)
    })
    share.tasks.cancel(taskId)
    const error = await running.then(
      () => null,
      (e: unknown) => e,
    )

    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('CANCELLED')
    expect(caseCounts(handle.db)).toEqual(before)
    expect(verifyAudit(handle.db, handle.info.uuid).ok).toBe(true)
  })
})
