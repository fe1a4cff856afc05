import type { LoadedPack } from '../rules/load-pack'
import type { Db } from './open-case-db'

/** Key of a rule inside a compiled rule set: namespace and name. */
export function ruleKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`
}

/** The packs of a scan as recorded in the case, and their rules' row ids by {@link ruleKey}. */
export interface RecordedRuleSet {
  readonly packIds: readonly number[]
  readonly ruleIds: Map<string, number>
  /** Pack id per namespace, for rules the manifest did not list. */
  readonly packByNamespace: ReadonlyMap<string, number>
}

/**
 * Record the packs (and their rules) a scan uses, once per name + version + manifest hash:
 * every finding then points at the exact pack version and rule it came from.
 */
export function recordRulePacks(
  db: Db,
  packs: readonly LoadedPack[],
  now = new Date(),
): RecordedRuleSet {
  const findPack = db.prepare(
    'SELECT id FROM rule_packs WHERE name = ? AND version = ? AND manifest_sha256 = ?',
  )
  const insertPack = db.prepare(
    `INSERT INTO rule_packs (name, version, origin, signed, manifest_sha256, namespace, source_path, recorded_at, tlp)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertRule = db.prepare(
    `INSERT OR IGNORE INTO rules (pack_id, rule_id, name, namespace, file, logic_hash, status, score, tags_json, meta_json, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const packIds: number[] = []
  const packByNamespace = new Map<string, number>()
  for (const pack of packs) {
    const { summary } = pack
    const existing = findPack.get(summary.name, summary.version, pack.manifestSha256) as
      { id: number } | undefined
    const packId =
      existing?.id ??
      Number(
        insertPack.run(
          summary.name,
          summary.version,
          summary.origin,
          summary.signed ? 1 : 0,
          pack.manifestSha256,
          pack.namespace,
          summary.path,
          now.toISOString(),
          pack.tlp,
        ).lastInsertRowid,
      )
    packIds.push(packId)
    packByNamespace.set(pack.namespace, packId)
    for (const rule of pack.rules) {
      insertRule.run(
        packId,
        rule.id,
        rule.name,
        rule.namespace,
        rule.file,
        rule.logicHash,
        rule.status,
        rule.score,
        JSON.stringify(rule.tags),
        JSON.stringify(rule.meta),
        rule.source,
      )
    }
  }
  return { packIds, ruleIds: loadRuleIds(db, packIds), packByNamespace }
}

function loadRuleIds(db: Db, packIds: readonly number[]): Map<string, number> {
  const ids = new Map<string, number>()
  const select = db.prepare('SELECT id, namespace, name FROM rules WHERE pack_id = ?')
  for (const packId of packIds) {
    for (const row of select.all(packId) as { id: number; namespace: string; name: string }[]) {
      ids.set(ruleKey(row.namespace, row.name), row.id)
    }
  }
  return ids
}

/**
 * The row id of a rule that matched but was not listed by its pack (a local pack parsed
 * imperfectly, say): recorded on first sight so the finding still has provenance.
 */
export function ensureRule(
  db: Db,
  ruleSet: RecordedRuleSet,
  hit: {
    namespace: string
    rule: string
    tags: readonly string[]
    meta: Readonly<Record<string, unknown>>
  },
  score: number,
): number {
  const key = ruleKey(hit.namespace, hit.rule)
  const known = ruleSet.ruleIds.get(key)
  if (known !== undefined) return known
  const packId = ruleSet.packByNamespace.get(hit.namespace) ?? ruleSet.packIds[0]
  const id = Number(
    db
      .prepare(
        `INSERT INTO rules (pack_id, rule_id, name, namespace, status, score, tags_json, meta_json)
         VALUES (?, ?, ?, ?, 'active', ?, ?, ?)`,
      )
      .run(
        packId,
        typeof hit.meta['id'] === 'string' ? hit.meta['id'] : null,
        hit.rule,
        hit.namespace,
        score,
        JSON.stringify(hit.tags),
        JSON.stringify(hit.meta),
      ).lastInsertRowid,
  )
  ruleSet.ruleIds.set(key, id)
  return id
}
