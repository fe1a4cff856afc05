import { listFindingFacets, listFindingGroups } from '../core/case/findings-facets-repo'
import { listFindingIds } from '../core/case/findings-repo'
import type { CaseService } from '../services/case-service'
import type { HandlerTable } from './dispatch'

type FindingsTableChannel = Extract<
  keyof HandlerTable,
  'findings:facets' | 'findings:groups' | 'findings:ids'
>

/** The findings table's filter values, groups and "select all" (the list is `findings:list`). */
export function findingsTableHandlers(
  cases: CaseService,
): Pick<HandlerTable, FindingsTableChannel> {
  const db = () => cases.require().db
  return {
    'findings:facets': (input) => listFindingFacets(db(), input),
    'findings:groups': (input) => listFindingGroups(db(), input),
    'findings:ids': (input) => listFindingIds(db(), input),
  }
}
