import type { FindingDetail } from '../model/findings'
import { entryMetadata } from './entry-metadata-row'
import type { EntryMetadataColumns } from './entry-metadata-row'
import { findingRowById } from './findings-repo'
import type { Db } from './open-case-db'

/** Matches listed in a finding's detail; the rest are counted. */
const DETAIL_MATCH_LIMIT = 500

/** Everything the detail view shows about one finding, or undefined. */
export function getFindingDetail(db: Db, findingId: number): FindingDetail | undefined {
  const row = findingRowById(db, findingId)
  if (row === undefined) return undefined
  const rule = db
    .prepare(
      `SELECT r.rule_id, r.tags_json, r.meta_json, r.source FROM findings f JOIN rules r ON r.id = f.rule_pk WHERE f.id = ?`,
    )
    .get(findingId) as {
    rule_id: string | null
    tags_json: string
    meta_json: string
    source: string | null
  }
  const file = db
    .prepare(`SELECT fl.* FROM findings f JOIN files fl ON fl.id = f.file_id WHERE f.id = ?`)
    .get(findingId) as Record<string, string | number | null>
  const matches = db
    .prepare(
      `SELECT identifier, byte_offset, byte_length, excerpt, image_offset FROM matches WHERE finding_id = ?
       ORDER BY byte_offset, identifier LIMIT ?`,
    )
    .all(findingId, DETAIL_MATCH_LIMIT) as {
    identifier: string
    byte_offset: number
    byte_length: number
    excerpt: Buffer
    image_offset: number | null
  }[]
  const matchTotal = (
    db.prepare('SELECT count(*) AS n FROM matches WHERE finding_id = ?').get(findingId) as {
      n: number
    }
  ).n
  const meta = JSON.parse(rule.meta_json) as Record<string, string | number | boolean>
  return {
    finding: row,
    rule: {
      name: row.ruleName,
      namespace: row.ruleNamespace,
      ruleId: rule.rule_id,
      packName: row.packName,
      packVersion: row.packVersion,
      description: typeof meta['description'] === 'string' ? meta['description'] : null,
      author: typeof meta['author'] === 'string' ? meta['author'] : null,
      tags: JSON.parse(rule.tags_json) as string[],
      meta,
      source: rule.source,
    },
    file: {
      id: file['id'] as number,
      path: row.path,
      evidenceLabel: row.evidenceLabel,
      sizeBytes: row.sizeBytes,
      md5: file['md5'] as string | null,
      sha1: file['sha1'] as string | null,
      sha256: row.sha256,
      mime: row.mime,
      fileType: row.fileType,
      entropy: file['entropy'] as number | null,
      owner: file['owner'] as string | null,
      times: {
        modified: file['modified_at'] as string | null,
        accessed: file['accessed_at'] as string | null,
        changed: file['changed_at'] as string | null,
        born: file['born_at'] as string | null,
      },
      timeNote: file['time_note'] as string | null,
      inode: file['inode'] as string | null,
      imageOffset: file['image_offset'] as number | null,
      metadata: entryMetadata(file as unknown as EntryMetadataColumns),
    },
    matches: matches.map((m) => ({
      identifier: m.identifier,
      offset: m.byte_offset,
      length: m.byte_length,
      excerptHex: m.excerpt.toString('hex'),
      truncated: m.excerpt.length < m.byte_length,
      imageOffset: m.image_offset,
    })),
    moreMatches: Math.max(0, matchTotal - matches.length),
  }
}
