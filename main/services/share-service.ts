import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  listPartnerBundles,
  listPartnerFindings,
  partnerFindings,
  partnerRulesByKey,
} from '../core/share/bundle/partner-repo'
import { getPartnerBundle } from '../core/share/bundle/partner-repo'
import { importHashSet } from '../core/hashsets/import-hash-set'
import type { HashSetImportSummary } from '../core/hashsets/import-hash-set'
import { AppError } from '../core/model/errors'
import type {
  ExportResult,
  ImportResult,
  PartnerBundleView,
  PartnerFindingPage,
  SigningKeyView,
  TrustedKeyView,
  VerificationView,
} from '../core/model/sharing'
import type { TriageStatus } from '../core/model/findings'
import type { TlpLevel } from '../core/model/tlp'
import { slug } from '../core/share/bundle/bundle-members'
import { SigningKeyStore } from '../core/share/keys/key-store'
import type { SigningKeyInfo } from '../core/share/keys/key-store'
import { passphraseProtector, safeStorageProtector } from '../core/share/keys/secret-box'
import type { SafeStorageLike, SecretProtector } from '../core/share/keys/secret-box'
import { TrustStore } from '../core/share/keys/trust-store'
import type { TrustEntry } from '../core/share/keys/trust-store'
import type { RedactionProfileName } from '../core/share/redaction'
import { auditCaseExport } from '../core/share/share-actions'
import type { SharingStores } from '../core/share/share-actions'
import { auditVerification } from '../core/share/bundle/import-bundle'
import { writeBundleAsync } from '../core/share/bundle/write-bundle'
import { exportJob, zipAsBuffer } from '../core/share/worker/export-job'
import { runShareJob } from '../core/share/worker/run-share-job'
import { EXPORT_STEPS } from '../core/share/worker/share-job'
import type { CaseService } from './case-service'
import { TaskRegistry } from './task-registry'
import type { EventSink } from './ports'

/** What the analyst chose in the Share view. */
export interface ExportChoice {
  readonly folder: string
  readonly tlp: TlpLevel
  readonly redaction: RedactionProfileName
  readonly extraTerms?: readonly string[] | undefined
  readonly scanId?: number | undefined
  readonly minScore?: number | undefined
  readonly triage?: readonly TriageStatus[] | undefined
  readonly keyId?: string | undefined
  readonly passphrase?: string | undefined
  /** The background task's id (the renderer's, for progress and cancel). */
  readonly taskId?: string | undefined
}

/**
 * Sharing for the app: signing keys (sealed by the OS keychain when there is one, else by a
 * passphrase), the partner trust store, exports of the open case, and partners' bundles
 * verified and imported into it.
 */
export class ShareService {
  private readonly stores: SharingStores
  /** Export, verify and import run in a worker thread as cancellable tasks. */
  readonly tasks: TaskRegistry

  constructor(
    private readonly options: {
      readonly cases: CaseService
      readonly dataDir: string
      readonly appVersion: string
      /** Electron's safeStorage where the OS offers a keychain; null elsewhere. */
      readonly keychain: SafeStorageLike | null
      /** Where `task:progress` goes. */
      readonly events?: EventSink
      /** A registry shared with other services (one is made when absent). */
      readonly tasks?: TaskRegistry
    },
  ) {
    this.tasks = options.tasks ?? new TaskRegistry(options.events ?? { emit: () => undefined })
    this.stores = {
      keys: SigningKeyStore.forDataDir(options.dataDir),
      trust: TrustStore.forDataDir(options.dataDir),
    }
  }

  /** True when keys can be sealed by the OS keychain (no passphrase needed). */
  hasKeychain(): boolean {
    return this.options.keychain?.isEncryptionAvailable() ?? false
  }

  /** The workbench's signing keys. */
  listKeys(): SigningKeyView[] {
    return this.stores.keys.list()
  }

  /** Create a signing key for the organisation. */
  createKey(input: {
    org: string
    contact?: string | undefined
    passphrase?: string | undefined
  }): SigningKeyView {
    const protector = this.protector(input.passphrase, 'new')
    return this.stores.keys.create({ org: input.org, contact: input.contact, protector })
  }

  /** The partner keys this workbench trusts. */
  listTrusted(): TrustedKeyView[] {
    return this.stores.trust.list().map(trustView)
  }

  /** Trust a partner's public key (checked out of band by the analyst). */
  trust(input: { publicKeyText: string; org: string; note?: string | undefined }): TrustedKeyView {
    const examiner = this.options.cases.current()?.examiner ?? 'examiner'
    return trustView(this.stores.trust.add({ ...input, addedBy: examiner }))
  }

  /** Stop trusting a key. */
  untrust(keyId: string): void {
    this.stores.trust.remove(keyId)
  }

  /**
   * Export the open case as a signed bundle: built in a worker thread on its own (reading)
   * connection, while the UI keeps working; written here, atomically, then audited. A cancel
   * before the write leaves nothing in the folder.
   */
  async exportBundle(choice: ExportChoice, now = new Date()): Promise<ExportResult> {
    const handle = this.options.cases.require()
    const key =
      choice.keyId === undefined
        ? this.stores.keys.defaultKey()
        : this.stores.keys.get(choice.keyId)
    if (key === null) {
      throw new AppError('KEY_NOT_FOUND', 'Create a signing key first (Share › Keys), then export.')
    }
    const signer = this.stores.keys.unlock(
      key.keyId,
      this.protector(choice.passphrase, key.protection),
    )
    return this.tasks.run(choice.taskId, 'export', async (task) => {
      const build = await runShareJob(
        exportJob({
          ...this.place(),
          casePath: handle.info.path,
          request: {
            tlp: choice.tlp,
            redaction: choice.redaction,
            extraTerms: choice.extraTerms ?? [],
            ...(choice.scanId === undefined ? {} : { scanId: choice.scanId }),
            filter: {
              ...(choice.minScore === undefined ? {} : { minScore: choice.minScore }),
              ...(choice.triage === undefined ? {} : { triage: choice.triage }),
            },
            examiner: handle.info.examiner,
            toolVersion: this.options.appVersion,
          },
          signer,
          now,
        }),
        { signal: task.signal, onProgress: task.progress, signer },
      )
      task.progress('writing the bundle', EXPORT_STEPS.length - 1, EXPORT_STEPS.length)
      const written = await writeBundleAsync(zipAsBuffer(build), choice.folder, task.signal)
      return auditCaseExport(handle.db, handle.info.uuid, handle.info.examiner, build, written, now)
    })
  }

  /**
   * Verify a partner's bundle in a worker thread (recorded in the open case's audit log when
   * there is one).
   */
  async verify(
    path: string,
    acceptUnknownKey: boolean,
    taskId?: string,
  ): Promise<VerificationView> {
    return this.tasks.run(taskId, 'verify', async (task) => {
      const view = await runShareJob(
        { kind: 'verify', ...this.place(), path, acceptUnknownKey },
        { signal: task.signal, onProgress: task.progress },
      )
      const handle = this.options.cases.current() === null ? null : this.options.cases.require()
      if (handle !== null) {
        auditVerification(handle.db, handle.info.uuid, handle.info.examiner, view)
      }
      return view
    })
  }

  /**
   * Verify and import a partner's bundle into the open case, in a worker thread on its own
   * connection and in one transaction: a cancel or a failure leaves the case as it was.
   */
  async importBundle(
    path: string,
    acceptUnknownKey: boolean,
    taskId?: string,
  ): Promise<ImportResult> {
    const handle = this.options.cases.require()
    return this.tasks.run(taskId, 'import', (task) =>
      runShareJob(
        {
          kind: 'import',
          ...this.place(),
          path,
          acceptUnknownKey,
          casePath: handle.info.path,
          caseUuid: handle.info.uuid,
          actor: handle.info.examiner,
        },
        { signal: task.signal, onProgress: task.progress },
      ),
    )
  }

  private place(): { dataDir: string; nativeBinding?: string } {
    return { dataDir: this.options.dataDir, ...this.options.cases.dbOptions() }
  }

  /** The partner bundles in the open case. */
  partners(): PartnerBundleView[] {
    return listPartnerBundles(this.options.cases.require().db)
  }

  /** A page of one partner bundle's findings. */
  partnerFindings(query: { bundleId: number; offset: number; limit: number }): PartnerFindingPage {
    return listPartnerFindings(this.options.cases.require().db, query)
  }

  /**
   * Make a partner's file hashes a known-bad hash set of the case: the next scan flags those
   * files even where no rule of ours matches.
   */
  async mergeHashes(bundleId: number): Promise<HashSetImportSummary> {
    const handle = this.options.cases.require()
    const bundle = this.requireBundle(bundleId)
    const hashes = [...new Set(partnerFindings(handle.db, bundleId).map((f) => f.file.sha256))]
      .filter((h) => h !== null)
      .sort()
    if (hashes.length === 0) throw new AppError('NOT_FOUND', 'The partner sent no file hashes.')
    const folder = join(this.options.dataDir, 'partner-hashes')
    mkdirSync(folder, { recursive: true })
    const path = join(folder, `${slug(bundle.producerOrg) || 'partner'}-${bundle.bundleId}.sha256`)
    writeFileSync(path, hashes.map((h) => `${h}  ${bundle.bundleId}\n`).join(''))
    return importHashSet(handle.db, handle.info.uuid, {
      path,
      purpose: 'known-bad',
      name: `${bundle.producerOrg}: ${bundle.reportName}`.slice(0, 200),
      examiner: handle.info.examiner,
    })
  }

  /**
   * Save a partner's rules as a local (unsigned) rule pack folder, to scan with: one file per
   * rule, exactly the self-contained text they signed.
   */
  saveRules(bundleId: number): { folder: string; rules: number } {
    const handle = this.options.cases.require()
    const bundle = this.requireBundle(bundleId)
    const rules = [...partnerRulesByKey(handle.db, bundleId).values()]
    const folder = join(
      this.options.dataDir,
      'partner-packs',
      `${slug(bundle.producerOrg) || 'partner'}-${bundle.bundleId.slice(0, 8)}`,
    )
    mkdirSync(folder, { recursive: true })
    for (const rule of rules) {
      writeFileSync(
        join(folder, `${slug(rule.namespace)}.${slug(rule.name)}.yar`),
        `${rule.source}\n`,
      )
    }
    return { folder, rules: rules.length }
  }

  private requireBundle(bundleId: number): PartnerBundleView {
    const bundle = getPartnerBundle(this.options.cases.require().db, bundleId)
    if (bundle === undefined)
      throw new AppError('NOT_FOUND', `There is no partner bundle ${bundleId}.`)
    return bundle
  }

  private protector(
    passphrase: string | undefined,
    kind: 'new' | SigningKeyInfo['protection'],
  ): SecretProtector {
    const keychain = this.options.keychain
    if (
      kind !== 'passphrase' &&
      keychain !== null &&
      keychain.isEncryptionAvailable() &&
      !passphrase
    ) {
      return safeStorageProtector(keychain)
    }
    if (passphrase === undefined || passphrase === '') {
      throw new AppError(
        'KEY_LOCKED',
        kind === 'os-keychain'
          ? 'This key is sealed by the OS keychain, which is not available here.'
          : 'Enter the passphrase of the signing key.',
      )
    }
    if (kind === 'new' && Array.from(passphrase).length < 8) {
      throw new AppError('INVALID_INPUT', 'A key passphrase needs at least 8 characters.')
    }
    return passphraseProtector(passphrase)
  }
}

function trustView(entry: TrustEntry): TrustedKeyView {
  return {
    keyId: entry.keyId,
    org: entry.org,
    fingerprint: entry.fingerprint,
    addedAt: entry.addedAt,
    addedBy: entry.addedBy,
    note: entry.note ?? null,
  }
}
