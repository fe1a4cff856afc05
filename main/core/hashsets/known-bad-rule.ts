import type { Db } from '../case/open-case-db'

/** What the pseudo rule of a known-bad set is made from. */
export interface KnownBadRuleInput {
  readonly setId: number
  readonly name: string
  readonly sourceName: string
  readonly sourceSha256: string
  readonly format: string
  readonly score: number
  readonly note: string | null
}

/** Namespace of every hash-set pseudo rule and its pack. */
export const HASHSET_NAMESPACE = 'hashset'

/**
 * Record a rule pack and a rule standing for a known-bad hash set, so a finding raised by a
 * hash match has the same provenance as a YARA one: it points at a rule, whose pack names the
 * source and its SHA-256. Runs inside the caller's transaction; returns the rule's row id.
 */
export function recordKnownBadRule(db: Db, input: KnownBadRuleInput, now: Date): number {
  const packName = `hash set: ${input.name}`
  const version = input.sourceSha256.slice(0, 12)
  const existing = db
    .prepare('SELECT id FROM rule_packs WHERE name = ? AND version = ? AND manifest_sha256 = ?')
    .get(packName, version, input.sourceSha256) as { id: number } | undefined
  const packId =
    existing?.id ??
    Number(
      db
        .prepare(
          `INSERT INTO rule_packs (name, version, origin, signed, manifest_sha256, namespace, source_path, recorded_at)
           VALUES (?, ?, 'local', 0, ?, ?, ?, ?)`,
        )
        .run(
          packName,
          version,
          input.sourceSha256,
          HASHSET_NAMESPACE,
          input.sourceName,
          now.toISOString(),
        ).lastInsertRowid,
    )
  const ruleName = knownBadRuleName(input.name)
  const meta = {
    description: `File hash is in the known-bad hash set "${input.name}"`,
    source: input.sourceName,
    sourceSha256: input.sourceSha256,
    format: input.format,
    purpose: 'known-bad',
    hashSetId: input.setId,
    ...(input.note === null ? {} : { note: input.note }),
  }
  db.prepare(
    `INSERT OR IGNORE INTO rules (pack_id, rule_id, name, namespace, logic_hash, status, score, tags_json, meta_json)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
  ).run(
    packId,
    `hashset-${input.sourceSha256.slice(0, 12)}`,
    ruleName,
    HASHSET_NAMESPACE,
    input.sourceSha256,
    input.score,
    JSON.stringify(['hashset', 'known-bad']),
    JSON.stringify(meta),
  )
  const rule = db
    .prepare('SELECT id FROM rules WHERE pack_id = ? AND namespace = ? AND name = ?')
    .get(packId, HASHSET_NAMESPACE, ruleName) as { id: number }
  return rule.id
}

/** `known_bad_<slug>`: a YARA-style identifier made from the set's name. */
export function knownBadRuleName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48)
  return `known_bad_${slug === '' ? 'set' : slug}`
}
