import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyAudit } from '../../../main/core/case/audit-log'
import { AppError } from '../../../main/core/model/errors'
import type { TaskProgress } from '../../../main/core/model/tasks'
import { exportCaseBundle } from '../../../main/core/share/share-actions'
import { ShareService } from '../../../main/services/share-service'
import { sharedCase, workbench } from '../../helpers/shared-case'
import { tempDir } from '../../helpers/temp-dir'
import { caseCounts, fakeCases, inflateFindings } from './share-task-fixture'

const PASS = 'correct horse'

function service(handle: Parameters<typeof fakeCases>[0], dataDir: string) {
  const events: TaskProgress[] = []
  const share = new ShareService({
    cases: fakeCases(handle),
    dataDir,
    appVersion: 'test',
    keychain: null,
    events: {
      emit(event, payload) {
        if (event === 'task:progress') events.push(payload as TaskProgress)
      },
    },
  })
  return { share, events }
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error: unknown) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('the task was expected to fail')
}

describe('share export as a background task', () => {
  it('writes the same bundle bytes as the synchronous export, reporting steps in order', async () => {
    const { handle } = await sharedCase()
    const sender = workbench('Example CERT')
    const { share, events } = service(handle, sender.dataDir)
    const now = new Date('2026-01-02T03:04:05.000Z')
    const taskId = crypto.randomUUID()

    const background = await share.exportBundle(
      { folder: tempDir(), tlp: 'amber', redaction: 'none', passphrase: PASS, taskId },
      now,
    )
    const direct = exportCaseBundle(
      handle.db,
      handle.info.uuid,
      {
        tlp: 'amber',
        redaction: 'none',
        extraTerms: [],
        filter: {},
        examiner: handle.info.examiner,
        toolVersion: 'test',
      },
      sender.signer,
      tempDir(),
      now,
    )

    expect(readFileSync(background.zipPath).equals(readFileSync(direct.zipPath))).toBe(true)
    expect(readFileSync(background.signaturePath, 'utf8')).toBe(
      readFileSync(direct.signaturePath, 'utf8'),
    )
    expect(background.findings).toBe(3)
    const mine = events.filter((e) => e.taskId === taskId)
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((e) => e.kind === 'export')).toBe(true)
    const dones = mine.map((e) => e.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    const last = mine.at(-1)
    expect(last?.done).toBe(last?.total)
    expect(verifyAudit(handle.db, handle.info.uuid).ok).toBe(true)
  })

  it('leaves no bundle, no temporary file and no audit entry when cancelled midway', async () => {
    const { handle } = await sharedCase()
    inflateFindings(handle.db, 600)
    const sender = workbench('Example CERT')
    const { share } = service(handle, sender.dataDir)
    const folder = join(tempDir(), 'out')
    const taskId = crypto.randomUUID()
    const before = caseCounts(handle.db)

    const running = share.exportBundle({
      folder,
      tlp: 'amber',
      redaction: 'none',
      passphrase: PASS,
      taskId,
    })
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(share.tasks.ids()).toContain(taskId)
    expect(share.tasks.cancel(taskId)).toBe(true)
    const error = await rejection(running)

    expect(error.code).toBe('CANCELLED')
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([])
    expect(caseCounts(handle.db)).toEqual(before)
    expect(share.tasks.ids()).toEqual([])
  })

  it('answers other calls on the main thread while an export runs', async () => {
    const { handle } = await sharedCase()
    inflateFindings(handle.db, 600)
    const sender = workbench('Example CERT')
    const { share } = service(handle, sender.dataDir)
    const order: string[] = []

    const running = share
      .exportBundle({ folder: tempDir(), tlp: 'amber', redaction: 'none', passphrase: PASS })
      .then(() => order.push('export'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    const rows = handle.db.prepare('SELECT count(*) AS n FROM findings').get() as { n: number }
    order.push('query')
    await running

    expect(rows.n).toBe(3 + 1800)
    expect(order).toEqual(['query', 'export'])
  })

  it('treats a cancel of an unknown task as a no-op', () => {
    const { share } = service({} as never, tempDir())
    expect(share.tasks.cancel(crypto.randomUUID())).toBe(false)
  })
})
