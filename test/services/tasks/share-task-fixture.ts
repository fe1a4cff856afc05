import type { Db } from '../../../main/core/case/open-case-db'
import type { CaseHandle } from '../../../main/core/case/case-file'
import type { CaseService } from '../../../main/services/case-service'

/**
 * Copy every finding of the case `copies` times (each copy on its own copy of the file, with its
 * matches), so exports and imports take long enough to be cancelled midway.
 */
export function inflateFindings(db: Db, copies: number): number {
  const files = db
    .prepare('SELECT * FROM files WHERE id IN (SELECT file_id FROM findings)')
    .all() as Record<string, unknown>[]
  const fileColumns = Object.keys(files[0] ?? {}).filter((c) => c !== 'id')
  const insertFile = db.prepare(
    `INSERT INTO files (${fileColumns.join(', ')}) VALUES (${fileColumns.map((c) => `@${c}`).join(', ')})`,
  )
  const findings = db.prepare('SELECT * FROM findings').all() as Record<string, unknown>[]
  const findingColumns = Object.keys(findings[0] ?? {}).filter((c) => c !== 'id')
  const insertFinding = db.prepare(
    `INSERT INTO findings (${findingColumns.join(', ')}) VALUES (${findingColumns.map((c) => `@${c}`).join(', ')})`,
  )
  const copyMatches = db.prepare(
    `INSERT INTO matches (finding_id, identifier, byte_offset, byte_length, excerpt)
     SELECT ?, identifier, byte_offset, byte_length, excerpt FROM matches WHERE finding_id = ?`,
  )
  const byId = new Map(files.map((f) => [f['id'], f]))
  let added = 0
  db.transaction(() => {
    for (let n = 1; n <= copies; n += 1) {
      const newFileIds = new Map<unknown, number>()
      for (const file of files) {
        const row: Record<string, unknown> = { ...file, path: `${file['path'] as string}.copy${n}` }
        if (typeof file['entry_key'] === 'string')
          row['entry_key'] = `${file['entry_key']}.copy${n}`
        delete row['id']
        newFileIds.set(file['id'], Number(insertFile.run(row).lastInsertRowid))
      }
      for (const finding of findings) {
        if (!byId.has(finding['file_id'])) continue
        const row: Record<string, unknown> = {
          ...finding,
          file_id: newFileIds.get(finding['file_id']),
        }
        delete row['id']
        const id = Number(insertFinding.run(row).lastInsertRowid)
        copyMatches.run(id, finding['id'])
        added += 1
      }
    }
  })()
  return added
}

/** The part of CaseService the share service uses, over one open case. */
export function fakeCases(handle: CaseHandle): CaseService {
  return {
    require: () => handle,
    current: () => handle.info,
    dbOptions: () => ({}),
  } as unknown as CaseService
}

/** Row counts that an import changes. */
export function caseCounts(db: Db): Record<string, number> {
  const count = (table: string): number =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  return {
    partner_bundles: count('partner_bundles'),
    partner_findings: count('partner_findings'),
    partner_rules: count('partner_rules'),
    audit_log: count('audit_log'),
  }
}
