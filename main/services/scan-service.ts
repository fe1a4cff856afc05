import { join } from 'node:path'
import { getEvidence } from '../core/case/evidence-repo'
import type { Db } from '../core/case/open-case-db'
import { openCaseDb } from '../core/case/open-case-db'
import { listScans } from '../core/case/scan-repo'
import { AppError } from '../core/model/errors'
import type { Evidence } from '../core/model/evidence'
import type { ScanLimits, ScanProgress, ScanSummary } from '../core/model/scan'
import type { LoadedPack } from '../core/rules/load-pack'
import { loadRulePack } from '../core/rules/load-pack'
import { loadActivePacks, loadInstalledVersion } from '../core/rules/active-packs'
import { diffPacks } from '../core/rules/pack-diff'
import { packSubset } from '../core/rules/pack-subset'
import { PackStore } from '../core/rules/pack-store'
import { planRetroHunt } from '../core/scan/retro-hunt'
import type { RetroHuntResult } from '../core/model/scan'
import type { ScanChildLauncher } from '../core/scan/child/child-handle'
import { defaultScanLimits } from '../core/scan/default-limits'
import { runScan, selectionKey } from '../core/scan/run-scan'
import { resumePlan } from '../core/scan/resume-plan'
import { ScanControl } from '../core/scan/scan-control'
import type { CaseHandle } from '../core/case/case-file'
import type { CaseService } from './case-service'
import type { EventSink } from './ports'

interface ActiveScan {
  readonly scanId: number
  readonly controller: AbortController
  readonly control: ScanControl
  readonly done: Promise<void>
  progress: ScanProgress | null
}

/**
 * The scan the app is running (one at a time): started in the background with its own write
 * connection and scan processes; progress and the end are pushed as events.
 */
export class ScanService {
  private active: ActiveScan | null = null

  constructor(
    private readonly options: {
      readonly cases: CaseService
      readonly events: EventSink
      readonly launcher: ScanChildLauncher
      readonly bundledRulesDir: string
      readonly dataDir: string
      readonly appVersion: string
      readonly limits?: Partial<ScanLimits>
      /** The analyst's preferred limits (Settings), read at each start; `limits` wins over them. */
      readonly preferredLimits?: () => Partial<ScanLimits>
    },
  ) {}

  /** Ids of scans running in this process. */
  activeScanIds(): ReadonlySet<number> {
    return new Set(this.active ? [this.active.scanId] : [])
  }

  /**
   * Start a scan; resolves once it is recorded (it then runs on in the background).
   *
   * @throws AppError `SCAN_RUNNING`, `NO_CASE_OPEN`, `NOT_FOUND`, `RULES_*`, `ENGINE_UNAVAILABLE`
   */
  async start(request: {
    evidenceIds: readonly number[]
    packPaths?: readonly string[] | undefined
    fileIds?: readonly number[] | undefined
    /** Only these of the active packs (by name): "Scan this file with…" in the evidence browser. */
    packNames?: readonly string[] | undefined
  }): Promise<ScanSummary> {
    if (this.active)
      throw new AppError('SCAN_RUNNING', 'A scan is already running; cancel it or wait.')
    const handle = this.options.cases.require()
    const evidence = request.evidenceIds.map((id) => {
      const item = getEvidence(handle.db, id)
      if (!item) throw new AppError('NOT_FOUND', `There is no evidence ${id} in this case.`)
      return item
    })
    const only =
      request.fileIds === undefined ? undefined : selectedEntryKeys(handle.db, request.fileIds)
    const packs = await this.loadPacks(request.packPaths, request.packNames)
    return this.launch(handle, { evidence, packs, only })
  }

  /**
   * Finish an interrupted or cancelled scan from its checkpoint, with its own evidence, packs
   * and limits; resolves once it runs again.
   *
   * @throws AppError `SCAN_RUNNING`, `NOT_FOUND`, `INVALID_INPUT` (not resumable, packs changed)
   */
  async resume(scanId: number): Promise<ScanSummary> {
    if (this.active)
      throw new AppError('SCAN_RUNNING', 'A scan is already running; cancel it or wait.')
    const handle = this.options.cases.require()
    const plan = await resumePlan(handle.db, scanId)
    return this.launch(handle, {
      evidence: plan.evidence,
      packs: plan.packs,
      only: undefined,
      resumeScanId: scanId,
      limits: { ...plan.limits, processes: this.limits().processes },
    })
  }

  /**
   * After a pack update: mark the open case's findings whose rule the new version removed or
   * changed, then rescan the content already in the case with only the new and changed rules
   * (a `retro-hunt` scan, run in the background like any scan). No scan when nothing is new.
   *
   * @throws AppError `SCAN_RUNNING`, `NO_CASE_OPEN`, `NOT_FOUND` (pack or version), `RULES_*`
   */
  async retroHunt(request: {
    readonly pack: string
    readonly previousId: string
    readonly activeId: string
  }): Promise<RetroHuntResult> {
    if (this.active)
      throw new AppError('SCAN_RUNNING', 'A scan is already running; cancel it or wait.')
    const handle = this.options.cases.require()
    const store = PackStore.forDataDir(this.options.dataDir)
    const [previous, latest] = await Promise.all([
      loadInstalledVersion(store, request.pack, request.previousId),
      loadInstalledVersion(store, request.pack, request.activeId),
    ])
    const [before, after, active] = [previous.install, latest.install, latest.pack]
    const diff = diffPacks(
      { rules: previous.pack.rules, engine: null },
      { rules: active.rules, engine: null },
    )
    const plan = planRetroHunt(handle.db, {
      caseUuid: handle.info.uuid,
      examiner: handle.info.examiner,
      pack: request.pack,
      from: before.version,
      to: after.version,
      activeManifestSha256: active.manifestSha256,
      diff,
    })
    const result = { rules: plan.rules, superseded: plan.superseded }
    if (plan.rules.length === 0 || plan.entryKeys.size === 0) return { ...result, scan: null }
    const subset = packSubset(
      active,
      plan.rules,
      join(this.options.dataDir, 'retro-hunt', request.pack, after.id),
    )
    const evidence = plan.evidenceIds.map((id) => getEvidence(handle.db, id) as Evidence)
    const scan = await this.launch(handle, {
      evidence,
      packs: [subset],
      only: plan.entryKeys,
      kind: 'retro-hunt',
    })
    return { ...result, scan }
  }

  /** The packs a scan uses when none is named: the store's active ones, fully checked. */
  private async activePacks(): Promise<LoadedPack[]> {
    return loadActivePacks(
      PackStore.forDataDir(this.options.dataDir),
      this.options.bundledRulesDir,
      `Outpost ${this.options.appVersion}`,
    )
  }

  /** Pause (no new files handed out; files in progress finish) or resume the running scan. */
  setPaused(scanId: number, paused: boolean): void {
    const active = this.active
    if (active?.scanId !== scanId)
      throw new AppError('SCAN_NOT_RUNNING', `Scan ${scanId} is not running.`)
    if (paused) active.control.pause()
    else active.control.resume()
  }

  /** Cancel the running scan; committed results stay. */
  async cancel(scanId: number): Promise<void> {
    const active = this.active
    if (active?.scanId !== scanId)
      throw new AppError('SCAN_NOT_RUNNING', `Scan ${scanId} is not running.`)
    active.controller.abort()
    await active.done
  }

  /** Stop whatever runs (on case switch and app quit). */
  async stopAll(): Promise<void> {
    const active = this.active
    if (!active) return
    active.controller.abort()
    await active.done
  }

  /** Progress of the running scan, or null. */
  progress(): ScanProgress | null {
    return this.active?.progress ?? null
  }

  /** Every scan of the open case. */
  list(): ScanSummary[] {
    return listScans(this.options.cases.require().db)
  }

  /** Run a scan in the background on a write connection of its own. */
  private launch(
    handle: CaseHandle,
    plan: {
      readonly evidence: Evidence[]
      readonly packs: LoadedPack[]
      readonly only: ReadonlySet<string> | undefined
      readonly resumeScanId?: number
      readonly limits?: ScanLimits
      readonly kind?: 'scan' | 'retro-hunt'
    },
  ): Promise<ScanSummary> {
    const { evidence, packs, only } = plan
    const caseUuid = handle.info.uuid
    const examiner = handle.info.examiner
    const db = openCaseDb(handle.info.path, { ...this.options.cases.dbOptions(), check: false })
    const controller = new AbortController()
    const control = new ScanControl()
    let finished: () => void = () => undefined
    const done = new Promise<void>((resolve) => {
      finished = resolve
    })
    return new Promise<ScanSummary>((resolve, reject) => {
      let started = false
      const run = runScan({
        db,
        caseUuid,
        examiner,
        appVersion: this.options.appVersion,
        evidence,
        packs,
        ...(only === undefined ? {} : { onlyEntryKeys: only }),
        ...(plan.kind === undefined ? {} : { kind: plan.kind }),
        limits: plan.limits ?? this.limits(),
        ...(plan.resumeScanId === undefined ? {} : { resumeScanId: plan.resumeScanId }),
        control,
        // Below the interface's priority: the app stays responsive while every core scans.
        childPriority: 10,
        launcher: this.options.launcher,
        cacheDir: join(this.options.dataDir, 'rule-cache'),
        signal: controller.signal,
        onStarted: (scanId) => {
          started = true
          this.active = { scanId, controller, control, done, progress: null }
          resolve(this.list().find((s) => s.id === scanId) as ScanSummary)
        },
        onProgress: (progress) => {
          if (this.active) this.active.progress = progress
          this.options.events.emit('scan:progress', progress)
        },
      })
      // The scan is over for the service before anyone hears of it: a listener may start the
      // next scan (a retro-hunt right after the scan it follows) as soon as it is told.
      void run
        .then(
          (summary) => ({ summary, error: null }),
          (error: unknown) => ({ summary: null, error }),
        )
        .then(({ summary, error }) => {
          this.active = null
          db.close()
          finished()
          if (summary !== null) this.options.events.emit('scan:finished', summary)
          else if (!started) reject(error instanceof Error ? error : new Error(String(error)))
          else this.emitFailed()
        })
    })
  }

  private limits(): ScanLimits {
    return { ...defaultScanLimits(), ...this.options.preferredLimits?.(), ...this.options.limits }
  }

  private emitFailed(): void {
    const latest = this.list()[0]
    if (latest) this.options.events.emit('scan:finished', latest)
  }

  private async loadPacks(
    paths: readonly string[] | undefined,
    names?: readonly string[],
  ): Promise<LoadedPack[]> {
    if (names !== undefined && names.length > 0) return chosenPacks(await this.activePacks(), names)
    if (paths === undefined || paths.length === 0) return this.activePacks()
    return Promise.all(paths.map((p) => loadRulePack(p, 'local')))
  }
}

/** The active packs of these names, in the order asked. */
function chosenPacks(active: readonly LoadedPack[], names: readonly string[]): LoadedPack[] {
  return [...new Set(names)].map((name) => {
    const pack = active.find((p) => p.summary.name === name)
    if (!pack) {
      throw new AppError(
        'NOT_FOUND',
        `No active rule pack is named ${name}: check the Rules section.`,
      )
    }
    return pack
  })
}

/** The entry keys of the chosen files (a scan of single files from the evidence browser). */
function selectedEntryKeys(db: Db, fileIds: readonly number[]): ReadonlySet<string> {
  const select = db.prepare('SELECT evidence_id, entry_key FROM files WHERE id = ?')
  return new Set(
    fileIds.map((id) => {
      const row = select.get(id) as { evidence_id: number; entry_key: string } | undefined
      if (!row) throw new AppError('NOT_FOUND', `There is no file ${id} in this case.`)
      return selectionKey(row.evidence_id, row.entry_key)
    }),
  )
}
