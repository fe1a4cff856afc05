import { randomUUID } from 'node:crypto'
import { AppError } from '../model/errors'
import type { TlpLevel } from '../model/tlp'
import { appendAudit } from './audit-log'
import type { Db } from './open-case-db'
import { MAX_NOTE_CHARS } from '../model/notes'
import type { NoteView } from '../model/notes'

/** Add a note to a finding, with its audit entry, in one transaction. */
export function addNote(
  db: Db,
  caseUuid: string,
  input: { findingId: number; author: string; body: string; tlp: TlpLevel | null },
  now = new Date(),
): NoteView {
  const body = input.body.trim()
  if (body === '' || body.length > MAX_NOTE_CHARS) {
    throw new AppError('INVALID_INPUT', `A note holds 1 to ${MAX_NOTE_CHARS} characters.`)
  }
  const exists = db.prepare('SELECT 1 FROM findings WHERE id = ?').get(input.findingId)
  if (exists === undefined)
    throw new AppError('NOT_FOUND', `There is no finding ${input.findingId}.`)
  const at = now.toISOString()
  return db.transaction(() => {
    const uuid = randomUUID()
    const id = Number(
      db
        .prepare(
          `INSERT INTO notes (uuid, finding_id, author, created_at, modified_at, body, tlp)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(uuid, input.findingId, input.author, at, at, body, input.tlp).lastInsertRowid,
    )
    appendAudit(
      db,
      caseUuid,
      {
        actor: input.author,
        action: 'note.added',
        subject: String(input.findingId),
        details: { note: uuid, tlp: input.tlp, chars: body.length },
      },
      now,
    )
    return {
      id,
      uuid,
      findingId: input.findingId,
      author: input.author,
      createdAt: at,
      body,
      tlp: input.tlp,
    }
  })()
}

/** The notes of a finding, oldest first. */
export function listNotes(db: Db, findingId: number): NoteView[] {
  const rows = db
    .prepare('SELECT * FROM notes WHERE finding_id = ? ORDER BY id')
    .all(findingId) as {
    id: number
    uuid: string
    finding_id: number | null
    author: string
    created_at: string
    body: string
    tlp: TlpLevel | null
  }[]
  return rows.map((r) => ({
    id: r.id,
    uuid: r.uuid,
    findingId: r.finding_id,
    author: r.author,
    createdAt: r.created_at,
    body: r.body,
    tlp: r.tlp,
  }))
}

// Bulk TLP lives with the other bulk triage changes (one audit entry, ids as ranges).
export { setFindingsTlp } from './triage-repo'

/** The case's default TLP: what findings, files and notes without their own share at. */
export function setDefaultTlp(db: Db, caseUuid: string, tlp: TlpLevel, actor: string): void {
  db.transaction(() => {
    db.prepare('UPDATE case_info SET default_tlp = ? WHERE id = 1').run(tlp)
    appendAudit(db, caseUuid, { actor, action: 'case.tlp-set', subject: null, details: { tlp } })
  })()
}
