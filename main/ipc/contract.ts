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
import {
  FINDINGS_FILTER_SCHEMA,
  FINDINGS_GROUPS_SCHEMA,
  FINDINGS_LIST_SCHEMA,
} from '../core/model/finding-filter-schema'
import type { CoverageEntry } from '../core/model/coverage'
import type { AuditPage, AuditVerification } from '../core/model/audit'
import type { CaseOverview } from '../core/model/overview'
import type { AppSettings } from '../core/model/settings'
import { SETTINGS_PATCH_SCHEMA } from '../core/model/settings'
import type { ErrorInfo } from '../core/model/errors'
import type { TaskProgress } from '../core/model/tasks'
import type { RuleDiagnostic } from '../core/model/rules'
import { AUTHORING_FILE_NAME, MAX_EDITOR_SOURCE_BYTES } from '../core/model/rule-editor'
import type { AuthoringFile, AuthoringListing, RuleTestResult } from '../core/model/rule-editor'
import { MAX_LIFECYCLE_REASON, RULE_STATES } from '../core/model/rule-states'
import type { RuleStateView, SuppressionView } from '../core/model/rule-states'
import { COVERAGE_REASONS } from '../core/model/coverage'
import { TRIAGE_STATUSES } from '../core/model/findings'
import { TLP_LEVELS } from '../core/model/tlp'
import { MAX_NOTE_CHARS } from '../core/model/notes'
import type { NoteView } from '../core/model/notes'
import { ISO_UTC, MAX_TIMELINE_EVENTS } from '../core/model/timeline'
import type { TimelinePage } from '../core/model/timeline'
import { MAX_TAGS_PER_CALL } from '../core/model/tags'
import type { TagCount } from '../core/model/tags'
import { MAX_FILE_READ_BYTES } from '../core/model/file-bytes'
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

const id = z.number().int().positive()
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain NUL')
const none = z.undefined().or(z.null()).or(z.object({}).strict())
const editorSource = z.string().max(MAX_EDITOR_SOURCE_BYTES)
const authoringFile = z.string().regex(AUTHORING_FILE_NAME)
/** A rule pack's name and one installed version's id (as in `pack-store.ts`). */
const packName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)
const packInstallId = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}-\d{1,16}$/)

/** Input schema of every invoke channel: parsed in main before any handler runs. */
export const INPUT_SCHEMAS = {
  'app:info': none,
  'case:create': z
    .object({
      path: absolutePath.optional(),
      name: z.string().trim().min(1).max(200),
      examiner: z.string().trim().min(1).max(200),
      caseNumber: z.string().trim().max(100).optional(),
      description: z.string().max(10_000).optional(),
      /** The case's default TLP (the Settings default, prefilled by the form). */
      defaultTlp: z.enum(TLP_LEVELS).optional(),
    })
    .strict(),
  'case:open': z.object({ path: absolutePath }).strict(),
  'case:close': none,
  'case:current': none,
  'case:recent': none,
  'dialog:pickEvidence': z.object({ kind: z.enum(['folder', 'file']) }).strict(),
  'dialog:pickCaseFile': none,
  'dialog:pickNewCaseFile': z.object({ suggestedName: z.string().max(200) }).strict(),
  'evidence:add': z
    .object({ path: absolutePath, label: z.string().trim().max(200).optional() })
    .strict(),
  'evidence:list': none,
  'evidence:layout': z.object({ evidenceId: id }).strict(),
  'evidence:files': z
    .object({
      evidenceId: id,
      fileSystemId: id.nullable().default(null),
      parent: z.string().max(4096),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'evidence:cancelTask': z.object({ evidenceId: id }).strict(),
  'evidence:rehash': z.object({ evidenceId: id }).strict(),
  'rules:store': none,
  'rules:prepareImport': z
    .object({ path: absolutePath, dropInvalid: z.boolean().default(false) })
    .strict(),
  'rules:confirmImport': z.object({ token: z.uuid() }).strict(),
  'rules:discardImport': z.object({ token: z.uuid() }).strict(),
  'rules:activate': z.object({ name: packName, id: packInstallId }).strict(),
  'rules:rules': z.object({ name: packName }).strict(),
  'rules:retroHunt': z
    .object({ name: packName, previousId: packInstallId, activeId: packInstallId })
    .strict(),
  'dialog:pickRulePack': z.object({ kind: z.enum(['folder', 'file']) }).strict(),
  'scan:start': z
    .object({
      evidenceIds: z.array(id).min(1).max(10_000),
      packPaths: z.array(absolutePath).max(100).optional(),
      /** Scan only these files (from the evidence browser); all of the evidence when absent. */
      fileIds: z.array(id).min(1).max(10_000).optional(),
      /** Only these of the active packs, by name ("Scan this file with…"); all when absent. */
      packNames: z.array(packName).min(1).max(100).optional(),
    })
    .strict(),
  'scan:cancel': z.object({ scanId: id }).strict(),
  'scan:pause': z.object({ scanId: id, paused: z.boolean() }).strict(),
  'scan:resume': z.object({ scanId: id }).strict(),
  'scan:list': none,
  'scan:active': none,
  // The findings table (core/model/finding-filter-schema.ts, findings-handlers.ts).
  'findings:list': FINDINGS_LIST_SCHEMA,
  'findings:facets': FINDINGS_FILTER_SCHEMA,
  'findings:groups': FINDINGS_GROUPS_SCHEMA,
  'findings:ids': FINDINGS_FILTER_SCHEMA,
  'findings:get': z.object({ findingId: id }).strict(),
  'coverage:list': z
    .object({
      scanId: id.optional(),
      reason: z.enum(COVERAGE_REASONS).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'audit:verify': none,
  // Workbench home, settings and audit view (workbench-handlers.ts).
  'audit:list': z
    .object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      action: z.string().min(1).max(200).optional(),
      actor: z.string().min(1).max(200).optional(),
    })
    .strict(),
  'case:overview': none,
  'case:setExaminer': z.object({ examiner: z.string().trim().min(1).max(200) }).strict(),
  'settings:get': none,
  'settings:set': SETTINGS_PATCH_SCHEMA,
  'findings:setTlp': z
    .object({ findingIds: z.array(id).min(1).max(100_000), tlp: z.enum(TLP_LEVELS).nullable() })
    .strict(),
  'notes:list': z.object({ findingId: id }).strict(),
  'notes:add': z
    .object({
      findingId: id,
      body: z.string().min(1).max(MAX_NOTE_CHARS),
      tlp: z.enum(TLP_LEVELS).nullable().default(null),
    })
    .strict(),
  'case:setDefaultTlp': z.object({ tlp: z.enum(TLP_LEVELS) }).strict(),
  'keys:list': none,
  'keys:create': z
    .object({
      org: z.string().trim().min(1).max(200),
      contact: z.string().trim().max(200).optional(),
      passphrase: z.string().max(1024).optional(),
    })
    .strict(),
  'keys:trusted': none,
  'keys:trust': z
    .object({
      publicKeyText: z.string().min(1).max(4096),
      org: z.string().trim().min(1).max(200),
      note: z.string().max(1000).optional(),
    })
    .strict(),
  'keys:untrust': z.object({ keyId: z.string().regex(/^[0-9A-F]{16}$/) }).strict(),
  'share:export': z
    .object({
      folder: absolutePath,
      tlp: z.enum(TLP_LEVELS),
      redaction: z.enum(['none', 'partner', 'strict']).default('none'),
      extraTerms: z.array(z.string().trim().min(2).max(200)).max(100).optional(),
      scanId: id.optional(),
      minScore: z.number().int().min(0).max(100).optional(),
      triage: z.array(z.enum(TRIAGE_STATUSES)).min(1).max(TRIAGE_STATUSES.length).optional(),
      keyId: z
        .string()
        .regex(/^[0-9A-F]{16}$/)
        .optional(),
      passphrase: z.string().max(1024).optional(),
      taskId: z.uuid().optional(),
    })
    .strict(),
  'share:verify': z
    .object({
      path: absolutePath,
      acceptUnknownKey: z.boolean().default(false),
      taskId: z.uuid().optional(),
    })
    .strict(),
  'share:import': z
    .object({
      path: absolutePath,
      acceptUnknownKey: z.boolean().default(false),
      taskId: z.uuid().optional(),
    })
    .strict(),
  'task:cancel': z.object({ taskId: z.uuid() }).strict(),
  'partners:list': none,
  'partners:findings': z
    .object({
      bundleId: id,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  'partners:mergeHashes': z.object({ bundleId: id }).strict(),
  'partners:saveRules': z.object({ bundleId: id }).strict(),
  'dialog:pickBundle': none,
  'dialog:pickFolder': z.object({ title: z.string().max(200) }).strict(),
  // Rule editor: the byte limit (1 MiB of UTF-8) is checked again in the service.
  'rules:validateSource': z.object({ source: editorSource }).strict(),
  'rules:testOnFile': z
    .object({ source: editorSource, fileId: id, taskId: z.uuid().optional() })
    .strict(),
  'rules:testOnEvidence': z.object({ source: editorSource, evidenceId: id }).strict(),
  'authoring:list': none,
  'authoring:read': z.object({ file: authoringFile }).strict(),
  'authoring:save': z.object({ file: authoringFile, source: editorSource }).strict(),
  // Rule states and suppressions: keys and reasons are checked again in the repos.
  'rules:states': none,
  'rules:setState': z
    .object({
      ruleKey: z.string().min(4).max(300),
      namespace: z.string().min(1).max(256),
      name: z.string().min(1).max(256),
      state: z.enum(RULE_STATES),
      reason: z.string().max(MAX_LIFECYCLE_REASON).default(''),
    })
    .strict(),
  'suppressions:list': none,
  'suppressions:add': z
    .object({ findingId: id, reason: z.string().trim().min(1).max(MAX_LIFECYCLE_REASON) })
    .strict(),
  'suppressions:remove': z
    .object({ id, reason: z.string().max(MAX_LIFECYCLE_REASON).optional() })
    .strict(),
  'suppressions:export': z.object({ path: absolutePath }).strict(),
  // Triage: tags are normalised and checked again in the repo (tags-repo.ts).
  'findings:setTriage': z
    .object({ findingIds: z.array(id).min(1).max(100_000), status: z.enum(TRIAGE_STATUSES) })
    .strict(),
  'findings:setTags': z
    .object({
      findingIds: z.array(id).min(1).max(100_000),
      add: z.array(z.string().max(200)).max(MAX_TAGS_PER_CALL).default([]),
      remove: z.array(z.string().max(200)).max(MAX_TAGS_PER_CALL).default([]),
    })
    .strict(),
  'tags:list': none,
  // Timeline: the window's order is checked again in timeline-repo.ts.
  'timeline:events': z
    .object({
      from: z.string().regex(ISO_UTC).optional(),
      to: z.string().regex(ISO_UTC).optional(),
      around: z.object({ fileId: id }).strict().optional(),
      limit: z.number().int().min(1).max(MAX_TIMELINE_EVENTS).default(2000),
      includeNeighbours: z.boolean().default(true),
    })
    .strict(),
  // Finding detail: the hex view's byte ranges (clipped to the file in case-file-range.ts).
  'files:read': z
    .object({
      fileId: id,
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      length: z.number().int().min(1).max(MAX_FILE_READ_BYTES),
    })
    .strict(),
  'findings:related': z.object({ findingId: id }).strict(),
} as const satisfies Record<InvokeChannel, z.ZodType>

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
