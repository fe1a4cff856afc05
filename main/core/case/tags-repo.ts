import { AppError } from '../model/errors'
import type { TagCount } from '../model/tags'
import { MAX_TAGS_PER_CALL, normaliseTag } from '../model/tags'
import type { BulkChange } from './triage-repo'
import { auditBulk, idsJson, requireFindings } from './triage-repo'
import type { Db } from './open-case-db'

/**
 * Add and remove tags on findings, with ONE audit entry (`finding.tags`) listing the tags
 * added and removed (with how many findings each) and the changed findings as compact ranges.
 * A finding that already had every added tag and none of the removed ones is not counted.
 *
 * @throws AppError INVALID_INPUT (bad tag, no tag, more than 20, a tag both added and removed),
 *   NOT_FOUND (an id that is not a finding; nothing is changed).
 */
export function setFindingsTags(
  db: Db,
  caseUuid: string,
  input: {
    readonly findingIds: readonly number[]
    readonly add: readonly string[]
    readonly remove: readonly string[]
    readonly actor: string
  },
  now = new Date(),
): BulkChange {
  const add = [...new Set(input.add.map(normaliseTag))]
  const remove = [...new Set(input.remove.map(normaliseTag))]
  checkTagLists(add, remove)
  const ids = idsJson(input.findingIds)
  return db.transaction(() => {
    requireFindings(db, ids, input.findingIds)
    // RETURNING yields only the rows really inserted (OR IGNORE skips existing ones) or deleted.
    const insert = db
      .prepare(
        `INSERT OR IGNORE INTO finding_tags (finding_id, tag, added_at, added_by)
         SELECT DISTINCT value, @tag, @at, @by FROM json_each(@ids) RETURNING finding_id`,
      )
      .pluck()
    const del = db
      .prepare(
        `DELETE FROM finding_tags WHERE tag = @tag
         AND finding_id IN (SELECT value FROM json_each(@ids)) RETURNING finding_id`,
      )
      .pluck()
    const changed = new Set<number>()
    const added: Record<string, number> = {}
    const removed: Record<string, number> = {}
    const at = now.toISOString()
    for (const tag of add) {
      const rows = insert.all({ tag, at, by: input.actor, ids }) as number[]
      for (const id of rows) changed.add(id)
      if (rows.length > 0) added[tag] = rows.length
    }
    for (const tag of remove) {
      const rows = del.all({ tag, ids }) as number[]
      for (const id of rows) changed.add(id)
      if (rows.length > 0) removed[tag] = rows.length
    }
    if (changed.size > 0) {
      auditBulk(db, caseUuid, input.actor, 'finding.tags', [...changed], now, {
        added,
        removed,
      })
    }
    return { changed: changed.size }
  })()
}

/** Every tag in the case with how many findings carry it, most used first. */
export function listTags(db: Db): TagCount[] {
  return db
    .prepare(
      'SELECT tag, count(*) AS count FROM finding_tags GROUP BY tag ORDER BY count DESC, tag',
    )
    .all() as TagCount[]
}

/** The tags of one finding, sorted. */
export function tagsOf(db: Db, findingId: number): string[] {
  return db
    .prepare('SELECT tag FROM finding_tags WHERE finding_id = ? ORDER BY tag')
    .pluck()
    .all(findingId) as string[]
}

function checkTagLists(add: readonly string[], remove: readonly string[]): void {
  if (add.length + remove.length === 0) {
    throw new AppError('INVALID_INPUT', 'Name at least one tag to add or remove.')
  }
  if (add.length + remove.length > MAX_TAGS_PER_CALL) {
    throw new AppError(
      'INVALID_INPUT',
      `At most ${MAX_TAGS_PER_CALL} tags at once (added and removed together); split the change.`,
    )
  }
  const both = add.filter((tag) => remove.includes(tag))
  if (both.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `The tag "${both[0]}" is both added and removed: choose one.`,
    )
  }
}
