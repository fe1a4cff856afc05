import type { CaseService } from '../services/case-service'
import { TriageService } from '../services/triage-service'
import type { HandlerTable } from './dispatch'

type TriageChannel = Extract<
  keyof HandlerTable,
  'findings:setTriage' | 'findings:setTags' | 'tags:list'
>

/** Triage status and tags of findings (bulk TLP stays `findings:setTlp`). */
export function triageHandlers(cases: CaseService): Pick<HandlerTable, TriageChannel> {
  const service = new TriageService(() => cases.require())
  return {
    'findings:setTriage': (input) => service.setTriage(input),
    'findings:setTags': (input) => service.setTags(input),
    'tags:list': () => service.tags(),
  }
}
