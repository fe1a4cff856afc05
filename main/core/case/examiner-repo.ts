import { appendAudit } from './audit-log'
import type { Db } from './open-case-db'

/**
 * Change the case's examiner, with an audit entry `case.examiner-changed` (from → to).
 *
 * The entry's actor is the examiner in force when the change was made (`from`); every later
 * entry is recorded under the new name. Setting the same name again records nothing.
 *
 * @returns true when the name changed
 */
export function setExaminer(db: Db, caseUuid: string, examiner: string): boolean {
  return db.transaction(() => {
    const { examiner: from } = db.prepare('SELECT examiner FROM case_info WHERE id = 1').get() as {
      examiner: string
    }
    if (from === examiner) return false
    db.prepare('UPDATE case_info SET examiner = ? WHERE id = 1').run(examiner)
    appendAudit(db, caseUuid, {
      actor: from,
      action: 'case.examiner-changed',
      subject: caseUuid,
      details: { from, to: examiner },
    })
    return true
  })()
}
