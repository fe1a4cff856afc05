import { pageAudit } from '../core/case/audit-log'
import { setExaminer } from '../core/case/examiner-repo'
import { readOverview } from '../core/case/overview-repo'
import type { CaseService } from '../services/case-service'
import type { SettingsStore } from '../services/settings-store'
import type { HandlerTable } from './dispatch'

type WorkbenchChannel = Extract<
  keyof HandlerTable,
  'case:overview' | 'case:setExaminer' | 'settings:get' | 'settings:set' | 'audit:list'
>

/** The Case home, the Settings section and the audit view. */
export function workbenchHandlers(
  cases: CaseService,
  settings: SettingsStore,
): Pick<HandlerTable, WorkbenchChannel> {
  return {
    'case:overview': () => readOverview(cases.require().db),
    'case:setExaminer': (input) => {
      const handle = cases.require()
      setExaminer(handle.db, handle.info.uuid, input.examiner)
      // Re-read so every later audit entry is recorded under the new name.
      return cases.reload()
    },
    'settings:get': () => settings.get(),
    'settings:set': (input) => settings.set(input),
    'audit:list': (input) => pageAudit(cases.require().db, input),
  }
}
