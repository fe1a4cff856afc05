import { z } from 'zod'
import type { EventChannel, InvokeChannel } from './channels'
import type { CaseInfo, RecentCase } from '../core/model/case'
import type {
  BrowseEntry,
  Evidence,
  EvidenceLayout,
  EvidenceProgress,
} from '../core/model/evidence'
import type {
  PackImportOutcome,
  PackImportPreview,
  PackRuleView,
  PackView,
} from '../core/model/rule-packs'
import type { RetroHuntResult, ScanProgress, ScanSummary } from '../core/model/scan'
import type { FindingDetail, FindingPage } from '../core/model/findings'
import type { FindingFacets, FindingGroupPage, FindingIdList } from '../core/model/finding-facets'
import type { CoverageEntry } from '../core/model/coverage'
import type { AuditPage, AuditVerification } from '../core/model/audit'
import type { CaseOverview } from '../core/model/overview'
import type { AppSettings } from '../core/model/settings'
import type { ErrorInfo } from '../core/model/errors'
import type { TaskProgress } from '../core/model/tasks'
import type { RuleDiagnostic } from '../core/model/rules'
import type { AuthoringFile, AuthoringListing, RuleTestResult } from '../core/model/rule-editor'
import type { RuleStateView, SuppressionView } from '../core/model/rule-states'
import type { NoteView } from '../core/model/notes'
import type { TimelinePage } from '../core/model/timeline'
import type { TagCount } from '../core/model/tags'
import type { FileBytes } from '../core/model/file-bytes'
import type { RelatedFindings } from '../core/model/finding-related'
import type {
  ExportResult,
  ImportResult,
  PartnerBundleView,
  PartnerFindingPage,
  SigningKeyView,
  TrustedKeyView,
  VerificationView,
} from '../core/model/sharing'
import { INPUT_SCHEMAS } from './input-schemas'

export { INPUT_SCHEMAS }

/** Versions and facts about the running app. */
export interface AppInfo {
  readonly appVersion: string
  readonly engine: string
  readonly bindingVersion: string
  readonly platform: string
  readonly transport: 'electron' | 'loopback'
}

/** Output type of every invoke channel. */
export interface ChannelOutputs {
  'app:info': AppInfo
  'case:create': CaseInfo
  'case:open': CaseInfo
  'case:close': null
  'case:current': CaseInfo | null
  'case:recent': readonly RecentCase[]
  'dialog:pickEvidence': string | null
  'dialog:pickCaseFile': string | null
  'dialog:pickNewCaseFile': string | null
  'evidence:add': Evidence
  'evidence:list': readonly Evidence[]
  'evidence:layout': EvidenceLayout
  'evidence:files': { readonly total: number; readonly rows: readonly BrowseEntry[] }
  'evidence:cancelTask': null
  'evidence:rehash': Evidence
  'rules:store': readonly PackView[]
  'rules:prepareImport': PackImportPreview
  'rules:confirmImport': PackImportOutcome
  'rules:discardImport': null
  'rules:activate': PackView
  'rules:rules': readonly PackRuleView[]
  'rules:retroHunt': RetroHuntResult
  'dialog:pickRulePack': string | null
  'scan:start': ScanSummary
  'scan:cancel': null
  'scan:pause': null
  'scan:resume': ScanSummary
  'scan:list': readonly ScanSummary[]
  'scan:active': ScanProgress | null
  'findings:list': FindingPage
  'findings:facets': FindingFacets
  'findings:groups': FindingGroupPage
  'findings:ids': FindingIdList
  'findings:get': FindingDetail
  'coverage:list': { readonly total: number; readonly rows: readonly CoverageEntry[] }
  'audit:verify': AuditVerification
  'audit:list': AuditPage
  'case:overview': CaseOverview
  'case:setExaminer': CaseInfo
  'settings:get': AppSettings
  'settings:set': AppSettings
  'findings:setTlp': { readonly changed: number }
  'notes:list': readonly NoteView[]
  'notes:add': NoteView
  'case:setDefaultTlp': CaseInfo
  'keys:list': { readonly keychain: boolean; readonly keys: readonly SigningKeyView[] }
  'keys:create': SigningKeyView
  'keys:trusted': readonly TrustedKeyView[]
  'keys:trust': TrustedKeyView
  'keys:untrust': null
  'share:export': ExportResult
  'share:verify': VerificationView
  'share:import': ImportResult
  'task:cancel': null
  'partners:list': readonly PartnerBundleView[]
  'partners:findings': PartnerFindingPage
  'partners:mergeHashes': {
    readonly setId: number
    readonly name: string
    readonly entries: number
  }
  'partners:saveRules': { readonly folder: string; readonly rules: number }
  'dialog:pickBundle': string | null
  'dialog:pickFolder': string | null
  'rules:validateSource': readonly RuleDiagnostic[]
  'rules:testOnFile': RuleTestResult
  'rules:testOnEvidence': ScanSummary
  'authoring:list': AuthoringListing
  'authoring:read': { readonly file: string; readonly source: string }
  'authoring:save': AuthoringFile
  'rules:states': readonly RuleStateView[]
  'rules:setState': RuleStateView
  'suppressions:list': readonly SuppressionView[]
  'suppressions:add': SuppressionView
  'suppressions:remove': SuppressionView
  'suppressions:export': { readonly path: string; readonly count: number }
  'findings:setTriage': { readonly changed: number }
  'findings:setTags': { readonly changed: number }
  'tags:list': readonly TagCount[]
  'timeline:events': TimelinePage
  'files:read': FileBytes
  'findings:related': RelatedFindings
}

/** Payload of every push channel. */
export interface EventPayloads {
  'scan:progress': ScanProgress
  'scan:finished': ScanSummary
  'evidence:progress': EvidenceProgress
  'task:progress': TaskProgress
}

/** What a caller passes (defaults may be left out). */
export type ChannelInput<C extends InvokeChannel> = z.input<(typeof INPUT_SCHEMAS)[C]>

/** What a handler receives (after parsing: defaults filled in). */
export type ParsedInput<C extends InvokeChannel> = z.output<(typeof INPUT_SCHEMAS)[C]>

/** What a handler returns. */
export type ChannelOutput<C extends InvokeChannel> = ChannelOutputs[C]

/** Payload of an event. */
export type EventPayload<E extends EventChannel> = EventPayloads[E]

/** The envelope every invoke returns: errors are values, never exceptions across IPC. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo }

/**
 * The object the preload (or the loopback shim) puts on `window.outpost`.
 *
 * It carries no Electron objects: `on` hands the payload alone to the callback and returns the
 * function that unsubscribes.
 */
export interface OutpostBridge {
  invoke(channel: InvokeChannel, input?: unknown): Promise<Result<unknown>>
  on(event: EventChannel, callback: (payload: unknown) => void): () => void
  /** The host path of a dropped file (Electron's `webUtils.getPathForFile`); null where unknown. */
  pathForFile(file: File): string | null
}
