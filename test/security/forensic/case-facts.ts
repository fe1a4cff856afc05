import type { Db } from '../../../main/core/case/open-case-db'
import { openZip } from '../../../main/core/archive/zip-reader'

/**
 * A case's findings in a form two fresh cases can be compared by (security-checks B6): sorted by
 * evidence, file hash and path, rule, then each match's identifier, offsets and excerpt — no
 * database ids, no times.
 */
export function findingSet(db: Db, scanId: number): string[] {
  const rows = db
    .prepare(
      `SELECT f.id, e.kind, e.source_path AS evidence, fl.path, fl.sha256, fl.size_bytes AS size,
         r.namespace, r.name AS rule, f.score, f.match_count
       FROM findings f JOIN files fl ON fl.id = f.file_id JOIN evidence e ON e.id = fl.evidence_id
       JOIN rules r ON r.id = f.rule_pk WHERE f.scan_id = ?`,
    )
    .all(scanId) as ({ id: number } & Record<string, unknown>)[]
  const matches = db.prepare(
    `SELECT identifier, byte_offset, byte_length, image_offset, hex(excerpt) AS excerpt
     FROM matches WHERE finding_id = ? ORDER BY byte_offset, identifier, byte_length`,
  )
  return rows
    .map(({ id, ...finding }) => JSON.stringify({ ...finding, matches: matches.all(id) }))
    .sort()
}

/** What a scan record says about how it was made (B6: enough to repeat it), without ids and times. */
export function engineFacts(db: Db, scanId: number): Record<string, unknown> {
  const scan = db
    .prepare(
      `SELECT status, kind, app_version, engine, binding_package, binding_version, rule_set_sha256,
         rule_count, compiler_options, max_file_bytes, engine_timeout_ms, hard_deadline_ms,
         match_cap, excerpt_bytes, processes, profile_key, files_scanned, bytes_scanned,
         finding_count FROM scans WHERE id = ?`,
    )
    .get(scanId) as Record<string, unknown>
  const packs = db
    .prepare(
      `SELECT p.name, p.version, p.manifest_sha256 FROM scan_packs sp
       JOIN rule_packs p ON p.id = sp.pack_id WHERE sp.scan_id = ? ORDER BY p.name`,
    )
    .all(scanId)
  return { ...scan, packs }
}

/** Every member of a bundle zip, by name. */
export function zipMembers(zip: string): Map<string, Buffer> {
  const reader = openZip(zip)
  try {
    return new Map(reader.entries.map((e) => [e.name, reader.read(e)]))
  } finally {
    reader.close()
  }
}

/** The JSON paths at which two values differ (`$.a.b[2]`), for readable failures. */
export function jsonDiff(a: unknown, b: unknown, at = '$'): string[] {
  if (Object.is(a, b)) return []
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return [at]
  if (Array.isArray(a) !== Array.isArray(b)) return [at]
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].flatMap((k) =>
    jsonDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`),
  )
}
