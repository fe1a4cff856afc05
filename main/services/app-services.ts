import { createHandlers } from '../ipc/handlers'
import type { AppServices, AppServicesOptions } from './app-services-types'
import { CaseService } from './case-service'
import { EvidenceService } from './evidence-service'
import { ScanService } from './scan-service'
import { SettingsStore } from './settings-store'
import { ShareService } from './share-service'
import { RulesService } from './rules-service'
import { RuleEditorService } from './rule-editor-service'

export type { AppServices, AppServicesOptions } from './app-services-types'

/**
 * Wire the services and the handler table for one host (Electron or the loopback transport).
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const settings = new SettingsStore(options.dataDir)
  let scans: ScanService | null = null
  const cases = new CaseService({
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    settings,
    nativeBinding: options.nativeBinding,
    activeScanIds: () => scans?.activeScanIds() ?? new Set<number>(),
  })
  scans = new ScanService({
    cases,
    events: options.events,
    launcher: options.launcher,
    bundledRulesDir: options.bundledRulesDir,
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    preferredLimits: () => settings.preferredLimits(),
  })
  const scanService = scans
  const evidence = new EvidenceService({
    cases,
    events: options.events,
    launcher: options.launcher,
  })
  const share = new ShareService({
    cases,
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    keychain: options.platform.keychain,
    events: options.events,
  })
  const rules = new RulesService({
    dataDir: options.dataDir,
    bundledRulesDir: options.bundledRulesDir,
    launcher: options.launcher,
    cases,
  })
  const ruleEditor = new RuleEditorService({
    cases,
    scans: scanService,
    dataDir: options.dataDir,
    launcher: options.launcher,
    tasks: share.tasks,
  })
  const handlers = createHandlers({
    share,
    rules,
    ruleEditor,
    cases,
    scans: scanService,
    evidence,
    settings,
    platform: options.platform,
    bundledRulesDir: options.bundledRulesDir,
    appVersion: options.appVersion,
    transport: options.transport,
  })
  return {
    handlers,
    async shutdown(): Promise<void> {
      await Promise.all([scanService.stopAll(), evidence.stopAll()])
      cases.close()
      rules.close()
    },
  }
}
