import type { CaseHandle } from '../core/case/case-file'
import { getEvidence } from '../core/case/evidence-repo'
import { addEvidence } from '../core/evidence/add-evidence'
import { AppError } from '../core/model/errors'
import type { Evidence, EvidenceProgress } from '../core/model/evidence'
import type { ScanChildLauncher } from '../core/scan/child/child-handle'
import { hashImageEvidence } from '../core/scan/hash-image'
import { inventoryImage } from '../core/scan/inventory-image'
import type { CaseService } from './case-service'
import type { EventSink } from './ports'

const PROGRESS_EVERY_MS = 200

/**
 * Evidence of the open case, and the work that follows adding an image: listing its entries
 * (so it can be browsed at once), then hashing it in full and checking the stored acquisition
 * hash. Both run in the background, report progress, and can be cancelled.
 */
export class EvidenceService {
  private readonly tasks = new Map<number, { controller: AbortController; done: Promise<void> }>()

  constructor(
    private readonly options: {
      readonly cases: CaseService
      readonly events: EventSink
      readonly launcher: ScanChildLauncher
    },
  ) {}

  /** Add a folder, file or image; an image's listing and hashing start in the background. */
  async add(path: string, label: string | undefined): Promise<Evidence> {
    const handle = this.options.cases.require()
    const evidence = await addEvidence(handle, { path, label, examiner: handle.info.examiner })
    if (evidence.kind === 'image') this.start(handle, evidence)
    return evidence
  }

  /**
   * List and hash an image again (after a cancel, a failure, or an interrupted run).
   *
   * @throws AppError `NOT_FOUND`, `INVALID_INPUT` (not an image), `SCAN_RUNNING` (already running).
   */
  rehash(evidenceId: number): Evidence {
    const handle = this.options.cases.require()
    const evidence = getEvidence(handle.db, evidenceId)
    if (!evidence)
      throw new AppError('NOT_FOUND', `There is no evidence ${evidenceId} in this case.`)
    if (evidence.kind !== 'image')
      throw new AppError('INVALID_INPUT', `${evidence.label} is not a disk image.`)
    if (this.tasks.has(evidenceId))
      throw new AppError('SCAN_RUNNING', `${evidence.label} is already being hashed.`)
    this.start(handle, evidence)
    return evidence
  }

  /**
   * Stop an image's listing or hashing; what was listed stays, the integrity becomes
   * `cancelled`.
   *
   * @throws AppError `NOT_FOUND` when nothing runs for it.
   */
  async cancel(evidenceId: number): Promise<void> {
    const task = this.tasks.get(evidenceId)
    if (!task) throw new AppError('NOT_FOUND', `Nothing is running for evidence ${evidenceId}.`)
    task.controller.abort()
    await task.done
  }

  /** Stop everything (case switch, quit). */
  async stopAll(): Promise<void> {
    const running = [...this.tasks.values()]
    for (const task of running) task.controller.abort()
    await Promise.all(running.map((t) => t.done))
  }

  private start(handle: CaseHandle, evidence: Evidence): void {
    const controller = new AbortController()
    const done = this.run(handle, evidence, controller.signal).finally(() =>
      this.tasks.delete(evidence.id),
    )
    this.tasks.set(evidence.id, { controller, done })
  }

  private async run(handle: CaseHandle, evidence: Evidence, signal: AbortSignal): Promise<void> {
    const examiner = handle.info.examiner
    const emit = throttledEmit(this.options.events)
    try {
      await inventoryImage(handle, evidence, {
        examiner,
        signal,
        onProgress: (entries) => {
          emit({
            evidenceId: evidence.id,
            phase: 'listing',
            done: entries,
            total: 0,
            integrity: 'pending',
          })
        },
      })
    } catch (error: unknown) {
      if (!(error instanceof AppError)) console.error('[evidence] listing failed', error)
    }
    if (!handle.db.open) return
    const update = await hashImageEvidence(handle, evidence, {
      launcher: this.options.launcher,
      examiner,
      signal,
      onProgress: (done, total) => {
        emit({ evidenceId: evidence.id, phase: 'hashing', done, total, integrity: 'hashing' })
      },
    })
    const final = getEvidence(handle.db, evidence.id)
    emit(
      {
        evidenceId: evidence.id,
        phase: 'done',
        done: final?.sizeBytes ?? 0,
        total: final?.sizeBytes ?? 0,
        integrity: update.state,
      },
      true,
    )
  }
}

function throttledEmit(events: EventSink): (progress: EvidenceProgress, force?: boolean) => void {
  let last = 0
  return (progress, force = false) => {
    const now = Date.now()
    if (!force && now - last < PROGRESS_EVERY_MS) return
    last = now
    events.emit('evidence:progress', progress)
  }
}
