import { getRelatedFindings } from '../core/case/related-repo'
import { AppError } from '../core/model/errors'
import { readCaseFileRange } from '../core/rules/case-file-range'
import type { CaseService } from '../services/case-service'
import type { HandlerTable } from './dispatch'

/** The finding detail's hex view (`files:read`) and related lists (`findings:related`). */
export function findingDetailHandlers(
  cases: CaseService,
): Pick<HandlerTable, 'files:read' | 'findings:related'> {
  return {
    'files:read': async (input) => {
      const range = await readCaseFileRange(
        cases.require().db,
        input.fileId,
        input.offset,
        input.length,
      )
      return {
        fileId: range.fileId,
        offset: range.offset,
        bytesHex: range.bytes.toString('hex'),
        sizeBytes: range.sizeBytes,
      }
    },
    'findings:related': (input) => {
      const related = getRelatedFindings(cases.require().db, input.findingId)
      if (!related)
        throw new AppError('NOT_FOUND', `There is no finding ${input.findingId} in this case.`)
      return related
    },
  }
}
