import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../../case/open-case-db'
import { HASHSET_NAMESPACE } from '../../hashsets/known-bad-rule'
import { AppError } from '../../model/errors'
import { parseRuleFiles } from '../../rules/pack-rules'
import { selfContainedSources } from '../../rules/self-contained-rule'
import { exportIds } from '../export-ids'
import type { ExportFinding, ExportRule } from '../export-model'
import type { Redactor } from '../redaction'

interface RuleRow {
  id: number
  rule_id: string | null
  name: string
  namespace: string
  file: string | null
  score: number
  tags_json: string
  meta_json: string
  source: string | null
  pack_name: string
  pack_version: string
  pack_sha256: string
  pack_path: string
  recorded_at: string
}

/**
 * The rules behind the exported findings, each with its self-contained text.
 *
 * The text recorded with the pack is used; a case from before v5 has none, so the pack folder is
 * read again (refused when it is gone). A known-bad hash set's pseudo rule is written out as a
 * real YARA rule over the SHA-256s of the exported hits (`hash` module), so a partner can run it.
 */
export function gatherRules(
  db: Db,
  rulePks: ReadonlySet<number>,
  findings: readonly ExportFinding[],
  redactor: Redactor,
): ExportRule[] {
  const select = db.prepare(
    `SELECT r.id, r.rule_id, r.name, r.namespace, r.file, r.score, r.tags_json, r.meta_json,
            r.source, p.name AS pack_name, p.version AS pack_version,
            p.manifest_sha256 AS pack_sha256, p.source_path AS pack_path, p.recorded_at
     FROM rules r JOIN rule_packs p ON p.id = r.pack_id WHERE r.id = ?`,
  )
  const rows = [...rulePks].map((pk) => select.get(pk) as RuleRow)
  rows.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name))
  return rows.map((row) => {
    const meta = JSON.parse(row.meta_json) as Record<string, string | number | boolean>
    const key = `${row.namespace}:${row.name}`
    const description = typeof meta['description'] === 'string' ? meta['description'] : null
    const author = typeof meta['author'] === 'string' ? meta['author'] : null
    return {
      key,
      indicatorUuid: exportIds.indicator(row.pack_sha256, row.namespace, row.name),
      name: row.name,
      namespace: row.namespace,
      ruleId: row.rule_id,
      packName: row.pack_name,
      packVersion: row.pack_version,
      packSha256: row.pack_sha256,
      description: redactor.optional(description),
      author: author === null ? null : redactor.analyst(author),
      score: row.score,
      tags: JSON.parse(row.tags_json) as string[],
      meta: redactMeta(meta, redactor),
      source:
        row.namespace === HASHSET_NAMESPACE
          ? hashSetRule(
              row,
              description,
              findings.filter((f) => f.ruleKey === key),
            )
          : (row.source ?? sourceFromPack(row)),
      recordedAt: row.recorded_at,
    }
  })
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function redactMeta(
  meta: Record<string, string | number | boolean>,
  redactor: Redactor,
): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(meta).map(([k, v]) => [k, typeof v === 'string' ? redactor.text(v) : v]),
  )
}

/** The rule's text from its pack folder, for rules recorded before the text was stored. */
function sourceFromPack(row: RuleRow): string {
  const missing = (cause?: unknown): AppError =>
    new AppError(
      'EXPORT_INVALID',
      `The text of rule ${row.name} is not in the case and its pack (${row.pack_path}) cannot be ` +
        'read. Scan again with the pack, then export.',
      cause === undefined ? undefined : { cause },
    )
  if (row.file === null) throw missing()
  try {
    const text = readFileSync(join(row.pack_path, row.file), 'utf8')
    const located = parseRuleFiles([{ path: row.file, text }])
    const source = selfContainedSources(located).get(row.name)
    if (source === undefined) throw missing()
    return source
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'EXPORT_INVALID') throw error
    throw missing(error)
  }
}

/** A YARA rule that matches the exported hits of a known-bad hash set by SHA-256. */
function hashSetRule(
  row: RuleRow,
  description: string | null,
  hits: readonly ExportFinding[],
): string {
  const hashes = [...new Set(hits.map((f) => f.file.sha256).filter((h) => h !== null))].sort()
  const condition =
    hashes.length === 0
      ? 'false'
      : hashes.map((h) => `hash.sha256(0, filesize) == "${h}"`).join(' or\n        ')
  const text = (description ?? `Known-bad hash set ${row.name}`).replace(/["\\\n\r]/g, ' ')
  return [
    'import "hash"',
    '',
    `rule ${row.name}`,
    '{',
    '    meta:',
    `        description = "${text} (the SHA-256s of this report's hits)"`,
    `        score = ${row.score}`,
    '    condition:',
    `        ${condition}`,
    '}',
  ].join('\n')
}
