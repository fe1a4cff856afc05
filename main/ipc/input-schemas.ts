import { z } from 'zod'
import type { InvokeChannel } from './channels'
import {
  FINDINGS_FILTER_SCHEMA,
  FINDINGS_GROUPS_SCHEMA,
  FINDINGS_LIST_SCHEMA,
} from '../core/model/finding-filter-schema'
import { SETTINGS_PATCH_SCHEMA } from '../core/model/settings'
import { AUTHORING_FILE_NAME, MAX_EDITOR_SOURCE_BYTES } from '../core/model/rule-editor'
import { MAX_LIFECYCLE_REASON, RULE_STATES } from '../core/model/rule-states'
import { COVERAGE_REASONS } from '../core/model/coverage'
import { TRIAGE_STATUSES } from '../core/model/findings'
import { TLP_LEVELS } from '../core/model/tlp'
import { MAX_NOTE_CHARS } from '../core/model/notes'
import { ISO_UTC, MAX_TIMELINE_EVENTS } from '../core/model/timeline'
import { MAX_TAGS_PER_CALL } from '../core/model/tags'
import { MAX_FILE_READ_BYTES } from '../core/model/file-bytes'

/**
 * The input schema of every invoke channel (zod): main parses each call with it before any
 * handler runs. Output types and the derived channel types are in `contract.ts`.
 */
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
