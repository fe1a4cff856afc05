import Database from 'better-sqlite3'

/**
 * Read a case with a plain connection (nothing the product does on open, so nothing repaired
 * behind the test's back): its health, and scan 1's findings per file as `rule matches…`.
 */
export function readCase(casePath: string, scanId = 1) {
  const db = new Database(casePath, { fileMustExist: true })
  try {
    const findings = new Map<string, string[]>()
    const rows = db
      .prepare(
        `SELECT x.id, f.path, r.name AS rule,
           (SELECT group_concat(identifier || '@' || byte_offset || ':' || byte_length || ':' ||
              hex(excerpt), ',') FROM (SELECT * FROM matches m WHERE m.finding_id = x.id
              ORDER BY byte_offset, identifier)) AS matches
         FROM findings x JOIN files f ON f.id = x.file_id JOIN rules r ON r.id = x.rule_pk
         WHERE x.scan_id = ?`,
      )
      .all(scanId) as { path: string; rule: string; matches: string | null }[]
    for (const row of rows) {
      const list = findings.get(row.path) ?? []
      list.push(`${row.rule} ${row.matches ?? ''}`)
      findings.set(row.path, list.sort())
    }
    const committed = new Set(
      db
        .prepare(
          'SELECT f.path FROM scan_files s JOIN files f ON f.id = s.file_id WHERE s.scan_id = ?',
        )
        .pluck()
        .all(scanId) as string[],
    )
    // Folders are checkpointed too; `files_scanned` counts the files.
    const committedFiles = db
      .prepare(
        `SELECT count(*) FROM scan_files s JOIN files f ON f.id = s.file_id
         WHERE s.scan_id = ? AND f.kind = 'file'`,
      )
      .pluck()
      .get(scanId) as number
    const scan = db
      .prepare('SELECT status, error, files_scanned, finding_count FROM scans WHERE id = ?')
      .get(scanId) as
      | { status: string; error: string | null; files_scanned: number; finding_count: number }
      | undefined
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      foreignKeyViolations: (db.pragma('foreign_key_check') as unknown[]).length,
      findings,
      findingRows: rows.length,
      committed,
      committedFiles,
      scan,
    }
  } finally {
    db.close()
  }
}

/** Sorted `path rule matches` lines: what two scans must agree on. */
export function findingLines(findings: ReadonlyMap<string, readonly string[]>): string[] {
  return [...findings].flatMap(([path, list]) => list.map((f) => `${path} ${f}`)).sort()
}
