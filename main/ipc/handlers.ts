import { verifyAudit } from '../core/case/audit-log'
import { listCoverage } from '../core/case/coverage-repo'
import { getEvidence, listEvidence } from '../core/case/evidence-repo'
import { listFolder } from '../core/case/browse-repo'
import { readLayout } from '../core/case/layout-repo'
import { getFindingDetail } from '../core/case/finding-detail-repo'
import { listFindings } from '../core/case/findings-repo'
import { loadYaraBinding } from '../core/engine/yara-binding'
import { AppError } from '../core/model/errors'
import type { CaseService } from '../services/case-service'
import type { EvidenceService } from '../services/evidence-service'
import type { PlatformPorts } from '../services/ports'
import type { ScanService } from '../services/scan-service'
import type { SettingsStore } from '../services/settings-store'
import type { ShareService } from '../services/share-service'
import type { RulesService } from '../services/rules-service'
import type { RuleEditorService } from '../services/rule-editor-service'
import { ruleEditorHandlers } from './rule-editor-handlers'
import { ruleStateHandlers } from './rule-state-handlers'
import { timelineHandlers } from './timeline-handlers'
import { workbenchHandlers } from './workbench-handlers'
import { triageHandlers } from './triage-handlers'
import { findingsTableHandlers } from './findings-handlers'
import { findingDetailHandlers } from './finding-detail-handlers'
import { addNote, listNotes, setDefaultTlp, setFindingsTlp } from '../core/case/notes-repo'
import type { AppInfo } from './contract'
import type { HandlerTable } from './dispatch'

/** What the handlers call. */
export interface HandlerDeps {
  readonly cases: CaseService
  readonly scans: ScanService
  readonly evidence: EvidenceService
  readonly settings: SettingsStore
  readonly share: ShareService
  readonly rules: RulesService
  readonly ruleEditor: RuleEditorService
  readonly platform: PlatformPorts
  readonly bundledRulesDir: string
  readonly appVersion: string
  readonly transport: AppInfo['transport']
}

/**
 * The one handler table: every channel → one thin call into a service or the core.
 *
 * Served by Electron's `ipcMain` and by the loopback test transport alike.
 */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const { cases, scans } = deps
  const db = () => cases.require().db
  const stopWork = async (): Promise<void> => {
    // Background bundle/rule-test tasks of the case end too (each leaves nothing behind).
    deps.share.tasks.cancelAll()
    await Promise.all([scans.stopAll(), deps.evidence.stopAll()])
  }
  return {
    'app:info': () => appInfo(deps),
    'case:create': async (input) => {
      await stopWork()
      return cases.create(input)
    },
    'case:open': async (input) => {
      await stopWork()
      return cases.open(input.path)
    },
    'case:close': async () => {
      await stopWork()
      cases.close()
      return null
    },
    'case:current': () => cases.current(),
    'case:recent': () => deps.settings.recentCases(),
    'dialog:pickEvidence': (input) => deps.platform.pickEvidence(input.kind),
    'dialog:pickCaseFile': () => deps.platform.pickCaseFile(),
    'dialog:pickNewCaseFile': (input) => deps.platform.pickNewCaseFile(input.suggestedName),
    'evidence:add': (input) => deps.evidence.add(input.path, input.label),
    'evidence:list': () => listEvidence(db()),
    'evidence:layout': (input) => {
      if (!getEvidence(db(), input.evidenceId))
        throw new AppError('NOT_FOUND', `There is no evidence ${input.evidenceId}.`)
      return readLayout(db(), input.evidenceId)
    },
    'evidence:files': (input) => listFolder(db(), input),
    'evidence:rehash': (input) => deps.evidence.rehash(input.evidenceId),
    'evidence:cancelTask': async (input) => {
      await deps.evidence.cancel(input.evidenceId)
      return null
    },
    'scan:start': (input) => scans.start(input),
    'scan:cancel': async (input) => {
      await scans.cancel(input.scanId)
      return null
    },
    'scan:pause': (input) => {
      scans.setPaused(input.scanId, input.paused)
      return null
    },
    'scan:resume': (input) => scans.resume(input.scanId),
    'scan:list': () => scans.list(),
    'scan:active': () => scans.progress(),
    'findings:list': (input) => listFindings(db(), input),
    'findings:get': (input) => {
      const detail = getFindingDetail(db(), input.findingId)
      if (!detail)
        throw new AppError('NOT_FOUND', `There is no finding ${input.findingId} in this case.`)
      return detail
    },
    'coverage:list': (input) => listCoverage(db(), input),
    'audit:verify': () => {
      const handle = cases.require()
      return verifyAudit(handle.db, handle.info.uuid)
    },
    'task:cancel': (input) => {
      // An unknown id is a no-op: the task may have ended just before the analyst cancelled.
      deps.share.tasks.cancel(input.taskId)
      return null
    },
    ...sharingHandlers(deps),
    ...rulePackHandlers(deps),
    ...ruleEditorHandlers(deps.ruleEditor),
    ...ruleStateHandlers(deps.cases),
    ...timelineHandlers(deps.cases),
    ...workbenchHandlers(deps.cases, deps.settings),
    ...triageHandlers(deps.cases),
    ...findingsTableHandlers(deps.cases),
    ...findingDetailHandlers(deps.cases),
  }
}

/** The Rules section: installed packs, a pack update's import and diff, activation, retro-hunt. */
function rulePackHandlers(deps: HandlerDeps): RulePackHandlers {
  const { rules } = deps
  return {
    'rules:store': () => rules.packs(),
    'rules:prepareImport': (input) => rules.prepareImport(input.path, input.dropInvalid),
    'rules:confirmImport': (input) => rules.confirmImport(input.token),
    'rules:discardImport': (input) => {
      rules.discardImport(input.token)
      return null
    },
    'rules:activate': (input) => rules.activate(input.name, input.id),
    'rules:rules': (input) => rules.rules(input.name),
    'rules:retroHunt': (input) =>
      deps.scans.retroHunt({
        pack: input.name,
        previousId: input.previousId,
        activeId: input.activeId,
      }),
    'dialog:pickRulePack': (input) => deps.platform.pickRulePack(input.kind),
  }
}

type RulePackHandlers = Pick<
  HandlerTable,
  | 'rules:store'
  | 'rules:prepareImport'
  | 'rules:confirmImport'
  | 'rules:discardImport'
  | 'rules:activate'
  | 'rules:rules'
  | 'rules:retroHunt'
  | 'dialog:pickRulePack'
>

/** Per-item TLP, notes, keys, export, verification and partners' bundles. */
function sharingHandlers(deps: HandlerDeps): SharingHandlers {
  const { cases, share } = deps
  const open = () => cases.require()
  return {
    'findings:setTlp': (input) => {
      const handle = open()
      const changed = setFindingsTlp(handle.db, handle.info.uuid, {
        ...input,
        actor: handle.info.examiner,
      })
      return { changed }
    },
    'notes:list': (input) => listNotes(open().db, input.findingId),
    'notes:add': (input) => {
      const handle = open()
      return addNote(handle.db, handle.info.uuid, { ...input, author: handle.info.examiner })
    },
    'case:setDefaultTlp': (input) => {
      const handle = open()
      setDefaultTlp(handle.db, handle.info.uuid, input.tlp, handle.info.examiner)
      return cases.reload()
    },
    'keys:list': () => ({ keychain: share.hasKeychain(), keys: share.listKeys() }),
    'keys:create': (input) => share.createKey(input),
    'keys:trusted': () => share.listTrusted(),
    'keys:trust': (input) => share.trust(input),
    'keys:untrust': (input) => {
      share.untrust(input.keyId)
      return null
    },
    'share:export': (input) => share.exportBundle(input),
    'share:verify': (input) => share.verify(input.path, input.acceptUnknownKey, input.taskId),
    'share:import': (input) => share.importBundle(input.path, input.acceptUnknownKey, input.taskId),
    'partners:list': () => share.partners(),
    'partners:findings': (input) => share.partnerFindings(input),
    'partners:mergeHashes': async (input) => {
      const summary = await share.mergeHashes(input.bundleId)
      return { setId: summary.setId, name: summary.name, entries: summary.entries }
    },
    'partners:saveRules': (input) => share.saveRules(input.bundleId),
    'dialog:pickBundle': () => deps.platform.pickBundle(),
    'dialog:pickFolder': (input) => deps.platform.pickFolder(input.title),
  }
}

type SharingChannel = Extract<
  keyof HandlerTable,
  `${'findings:setTlp' | 'notes:' | 'case:setDefaultTlp' | 'keys:' | 'share:' | 'partners:' | 'dialog:pickBundle' | 'dialog:pickFolder'}${string}`
>
type SharingHandlers = Pick<HandlerTable, SharingChannel>

function appInfo(deps: HandlerDeps): AppInfo {
  let bindingVersion = 'unavailable'
  try {
    const { info } = loadYaraBinding()
    bindingVersion = `${info.packageName}@${info.version}`
  } catch {
    // The app still opens cases and shows findings without an engine; scans say why they fail.
  }
  return {
    appVersion: deps.appVersion,
    engine: 'yara-x',
    bindingVersion,
    platform: `${process.platform}-${process.arch}`,
    transport: deps.transport,
  }
}
