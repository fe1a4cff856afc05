import { randomUUID } from 'node:crypto'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { loadYaraBinding } from '../core/engine/yara-binding'
import { AppError } from '../core/model/errors'
import type {
  PackImportOutcome,
  PackImportPreview,
  PackRuleView,
  PackView,
} from '../core/model/rule-packs'
import type { RuleDiagnostic } from '../core/model/rules'
import { loadRulePack } from '../core/rules/load-pack'
import type { LoadedPack } from '../core/rules/load-pack'
import { ensureDefaultPack } from '../core/rules/active-packs'
import { PackStore } from '../core/rules/pack-store'
import type { InstalledPack } from '../core/rules/pack-store'
import { validateInChild } from '../core/rules/validate-in-child'
import type { ScanChildLauncher } from '../core/scan/child/child-handle'
import { ensureCompiledRules, planRuleSet } from '../core/scan/compile-rule-set'
import { SigningKeyStore } from '../core/share/keys/key-store'
import { resolveSigner, TrustStore } from '../core/share/keys/trust-store'
import type { CaseService } from './case-service'
import { confirmPending, preparePending, previewOf } from './rule-pack-import'
import type { PendingPlan } from './rule-pack-import'
import type { KeyResolver } from './rule-pack-views'
import { retroHuntRules, ruleView, versionView } from './rule-pack-views'

/** How long the compile of an imported pack may take in its scan process (as the CLI). */
export const PACK_COMPILE_DEADLINE_MS = 120_000

/** What {@link RulesService} needs. */
export interface RulesServiceOptions {
  readonly dataDir: string
  readonly bundledRulesDir: string
  readonly launcher: ScanChildLauncher
  /** Who installs (the open case's examiner); the OS user when no case is open. */
  readonly cases?: Pick<CaseService, 'current'>
  readonly compileDeadlineMs?: number
}

interface Pending {
  readonly token: string
  readonly pending: PendingPlan
}

/**
 * The app's rule packs: the store in the data folder (installed versions, the active one, the
 * others kept for rollback) and the bundled default pack; the import of a signed pack update
 * (checked, compiled in a scan process, its diff shown) and its activation on the analyst's
 * confirmation. Nothing here writes to the case database: a retro-hunt is the scan service's.
 */
export class RulesService {
  private readonly store: PackStore
  private readonly resolveKey: KeyResolver
  /** One import waits for the analyst at a time; a new one discards it. */
  private pending: Pending | null = null

  constructor(private readonly options: RulesServiceOptions) {
    this.store = PackStore.forDataDir(options.dataDir)
    const stores = {
      keys: SigningKeyStore.forDataDir(options.dataDir),
      trust: TrustStore.forDataDir(options.dataDir),
    }
    this.resolveKey = (keyId) => resolveSigner(keyId, stores)
  }

  /** Every installed pack with its versions (the bundled pack installed on first use). */
  async packs(): Promise<PackView[]> {
    await this.ensureDefault()
    return this.store.list().map((pack) => this.packView(pack))
  }

  /**
   * Check a signed pack (folder or zip), or a plain rule folder or `.yar` file as an unsigned
   * local pack, and diff it against the active version; nothing is installed. The plan is held
   * until {@link confirmImport} or {@link discardImport}; a new import discards it.
   */
  async prepareImport(path: string, dropInvalid = false): Promise<PackImportPreview> {
    this.discardPending()
    // An update of the default pack is diffed against the shipped version, installed first.
    await this.ensureDefault()
    const { pending, warnings } = await preparePending(path, dropInvalid, {
      store: this.store,
      resolveKey: this.resolveKey,
      compile: (pack) => this.compile(pack),
      validate: (files, options) =>
        validateInChild(files, {
          ...options,
          launcher: this.options.launcher,
          deadlineMs: this.deadlineMs(),
        }),
    })
    // Another import may have finished while this one was checked: the latest one wins.
    this.discardPending()
    const token = randomUUID()
    this.pending = { token, pending }
    return previewOf(token, pending, warnings, this.resolveKey)
  }

  /** Install and activate the pending import (one atomic switch of the active version). */
  confirmImport(token: string): PackImportOutcome {
    const { pending } = this.takePending(token)
    const examiner = this.options.cases?.current()?.examiner ?? osUser()
    const done = confirmPending(pending, this.store, examiner)
    return {
      name: done.name,
      active: versionView(this.store, done.name, done.install, this.resolveKey),
      previousId: done.previousId,
      retroHuntRules: retroHuntRules(done.diff, pending.plan.pack.rules),
    }
  }

  /** Drop the pending import (its temporary copy is removed). */
  discardImport(token: string): void {
    this.takePending(token).pending.plan.discard()
  }

  /** Make an installed version the active one: a rollback, or forward again. */
  activate(name: string, installId: string): PackView {
    return this.packView(this.store.activate(name, installId))
  }

  /** The rules of a pack's active version. */
  async rules(name: string): Promise<PackRuleView[]> {
    await this.ensureDefault()
    const pack = this.store.find(name)
    if (pack === null) {
      throw new AppError('NOT_FOUND', `No rule pack named ${name} is installed.`)
    }
    if (pack.active === null) {
      throw new AppError('NOT_FOUND', `No version of ${name} is active: activate one first.`)
    }
    // The loader checks every file against the installed pack.json (a local pack: its listing).
    const folder = this.store.folderOf(name, pack.active.id)
    const local = pack.active.signature === 'unsigned' && pack.active.version === 'local'
    return (await loadRulePack(folder, 'local', local ? { name } : {})).rules.map(ruleView)
  }

  /** Remove a pending import's temporary copy (at shutdown). */
  close(): void {
    this.discardPending()
  }

  private packView(pack: InstalledPack): PackView {
    const versions = [...pack.installs]
      .sort((a, b) => b.sequence - a.sequence)
      .map((install) => versionView(this.store, pack.name, install, this.resolveKey))
    return {
      name: pack.name,
      active: versions.find((v) => v.installId === pack.active?.id) ?? null,
      versions,
    }
  }

  /** Install the shipped pack on first use (and a newer one an app update ships). */
  private async ensureDefault(): Promise<void> {
    try {
      await ensureDefaultPack(this.store, this.options.bundledRulesDir, `Outpost (shipped pack)`)
    } catch {
      // The store still lists; the scan launcher reports a broken shipped pack on its own.
    }
  }

  private async compile(pack: LoadedPack): Promise<RuleDiagnostic[]> {
    const { info } = loadYaraBinding()
    const compiled = await ensureCompiledRules(planRuleSet([pack]), {
      launcher: this.options.launcher,
      cacheDir: join(this.options.dataDir, 'rule-cache'),
      bindingId: `${info.packageName}@${info.version}`,
      deadlineMs: this.deadlineMs(),
    })
    return compiled.diagnostics.filter((d) => d.severity === 'warning')
  }

  private deadlineMs(): number {
    return this.options.compileDeadlineMs ?? PACK_COMPILE_DEADLINE_MS
  }

  private takePending(token: string): Pending {
    const pending = this.pending
    if (pending?.token !== token) {
      throw new AppError(
        'NOT_FOUND',
        'That pack import is no longer pending (another import replaced it, or it was ' +
          'already activated or discarded): import the pack again.',
      )
    }
    this.pending = null
    return pending
  }

  private discardPending(): void {
    this.pending?.pending.plan.discard()
    this.pending = null
  }
}

/** Who installs when no case is open: the OS account. */
function osUser(): string {
  try {
    return userInfo().username || 'examiner'
  } catch {
    return 'examiner'
  }
}
