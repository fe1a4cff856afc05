import { timelineEvents } from '../core/case/timeline-repo'
import type { CaseService } from '../services/case-service'
import type { HandlerTable } from './dispatch'

/** The Timeline section: file times of the files with findings and of their neighbours. */
export function timelineHandlers(cases: CaseService): Pick<HandlerTable, 'timeline:events'> {
  return {
    'timeline:events': (input) => timelineEvents(cases.require().db, input),
  }
}
