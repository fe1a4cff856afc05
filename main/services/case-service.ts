import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { CaseHandle } from '../core/case/case-file'
import { closeCase, createCase, openCase, readCaseInfo } from '../core/case/case-file'
import { appendAudit } from '../core/case/audit-log'
import { markInterruptedScans } from '../core/case/scan-repo'
import { markInterruptedIntegrity } from '../core/case/evidence-repo'
import type { CaseInfo } from '../core/model/case'
import type { TlpLevel } from '../core/model/tlp'
import { AppError } from '../core/model/errors'
import type { SettingsStore } from './settings-store'

/** What creating a case takes (a path is chosen for the analyst when left out). */
export interface CreateCaseRequest {
  readonly path?: string | undefined
  readonly name: string
  readonly examiner: string
  readonly caseNumber?: string | undefined
  readonly description?: string | undefined
  readonly defaultTlp?: TlpLevel | undefined
}

/**
 * The case open in the app: at most one at a time, with the main process's read connection.
 * (A running scan writes through its own connection.)
 */
export class CaseService {
  private handle: CaseHandle | null = null

  constructor(
    private readonly options: {
      readonly dataDir: string
      readonly appVersion: string
      readonly settings: SettingsStore
      readonly nativeBinding?: string | undefined
      /** Scans this process is running, which must not be marked interrupted. */
      readonly activeScanIds: () => ReadonlySet<number>
    },
  ) {}

  /** Create a case and make it the open one. */
  create(request: CreateCaseRequest): CaseInfo {
    const path = request.path ?? this.defaultCasePath(request.name)
    const handle = createCase(
      path,
      { ...request, appVersion: this.options.appVersion },
      this.dbOptions(),
    )
    return this.adopt(handle)
  }

  /** Open a case file and make it the open one; scans left running by a dead process are marked. */
  open(path: string): CaseInfo {
    const handle = openCase(path, this.dbOptions())
    const interrupted = markInterruptedScans(handle.db, this.options.activeScanIds())
    const unhashed = markInterruptedIntegrity(handle.db)
    appendAudit(handle.db, handle.info.uuid, {
      actor: handle.info.examiner,
      action: 'case.opened',
      subject: handle.info.uuid,
      details: {
        appVersion: this.options.appVersion,
        interruptedScans: interrupted,
        interruptedHashing: unhashed,
      },
    })
    return this.adopt(handle)
  }

  /** Close the open case, if any. */
  close(): void {
    if (this.handle) closeCase(this.handle)
    this.handle = null
  }

  /** The open case's identity, or null. */
  current(): CaseInfo | null {
    return this.handle?.info ?? null
  }

  /**
   * The open case.
   *
   * @throws AppError `NO_CASE_OPEN`
   */
  require(): CaseHandle {
    if (this.handle === null) throw new AppError('NO_CASE_OPEN', 'Open or create a case first.')
    return this.handle
  }

  /** Read the open case's identity again after a change (its default TLP, say). */
  reload(): CaseInfo {
    const handle = this.require()
    this.handle = { ...handle, info: readCaseInfo(handle.db, handle.info.path) }
    return this.handle.info
  }

  /** Options every connection to a case uses (Electron passes its own native build). */
  dbOptions(): { nativeBinding?: string } {
    return this.options.nativeBinding === undefined
      ? {}
      : { nativeBinding: this.options.nativeBinding }
  }

  private adopt(handle: CaseHandle): CaseInfo {
    this.close()
    this.handle = handle
    this.options.settings.rememberCase({
      path: handle.info.path,
      name: handle.info.name,
      openedAt: new Date().toISOString(),
    })
    return handle.info
  }

  private defaultCasePath(name: string): string {
    const dir = join(this.options.dataDir, 'cases')
    mkdirSync(dir, { recursive: true })
    const slug =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60) || 'case'
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\..*$/, '')
      .replace('T', '-')
    return join(dir, `${slug}-${stamp}.outpost`)
  }
}
