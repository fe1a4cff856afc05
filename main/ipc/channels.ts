/**
 * The IPC channel names, `domain:verb`.
 *
 * Shared by main, the preload (its allow-list) and the renderer. Adding a channel here without a
 * schema in `input-schemas.ts`, an output type in `contract.ts` and a handler in `handlers.ts`
 * is a compile error.
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'case:create',
  'case:open',
  'case:close',
  'case:current',
  'case:recent',
  'dialog:pickEvidence',
  'dialog:pickCaseFile',
  'dialog:pickNewCaseFile',
  'evidence:add',
  'evidence:list',
  'evidence:layout',
  'evidence:files',
  'evidence:cancelTask',
  'evidence:rehash',
  'rules:store',
  'rules:prepareImport',
  'rules:confirmImport',
  'rules:discardImport',
  'rules:activate',
  'rules:rules',
  'rules:retroHunt',
  'dialog:pickRulePack',
  'scan:start',
  'scan:cancel',
  'scan:pause',
  'scan:resume',
  'scan:list',
  'scan:active',
  'findings:list',
  'findings:facets',
  'findings:groups',
  'findings:ids',
  'findings:get',
  'findings:setTlp',
  'notes:list',
  'notes:add',
  'case:setDefaultTlp',
  'keys:list',
  'keys:create',
  'keys:trusted',
  'keys:trust',
  'keys:untrust',
  'share:export',
  'share:verify',
  'share:import',
  'task:cancel',
  'partners:list',
  'partners:findings',
  'partners:mergeHashes',
  'partners:saveRules',
  'dialog:pickBundle',
  'dialog:pickFolder',
  'coverage:list',
  'audit:verify',
  'audit:list',
  'case:overview',
  'case:setExaminer',
  'settings:get',
  'settings:set',
  'rules:validateSource',
  'rules:testOnFile',
  'rules:testOnEvidence',
  'authoring:list',
  'authoring:read',
  'authoring:save',
  'rules:states',
  'rules:setState',
  'suppressions:list',
  'suppressions:add',
  'suppressions:remove',
  'suppressions:export',
  'findings:setTriage',
  'findings:setTags',
  'tags:list',
  'timeline:events',
  'files:read',
  'findings:related',
] as const

/** Events pushed from main to the renderer. */
export const EVENT_CHANNELS = [
  'scan:progress',
  'scan:finished',
  'evidence:progress',
  'task:progress',
] as const

/** A request/response channel. */
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number]

/** A push channel. */
export type EventChannel = (typeof EVENT_CHANNELS)[number]

/** True when `name` is a known request/response channel. */
export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(name)
}

/** True when `name` is a known push channel. */
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && (EVENT_CHANNELS as readonly string[]).includes(name)
}
