import type { Db } from '../case/open-case-db'
import { getEvidence } from '../case/evidence-repo'
import { getScan } from '../case/scan-repo'
import { AppError } from '../model/errors'
import type { Evidence } from '../model/evidence'
import type { ScanLimits } from '../model/scan'
import { loadRulePack } from '../rules/load-pack'
import type { LoadedPack } from '../rules/load-pack'

/** What resuming a scan needs, read back from the case. */
export interface ResumePlan {
  readonly scanId: number
  readonly evidence: Evidence[]
  readonly packs: LoadedPack[]
  readonly limits: ScanLimits
}

/**
 * The evidence, rule packs (loaded again from where they were) and limits a scan ran with, so
 * it can be finished as it started. The packs must still hash as recorded: the resume refuses
 * otherwise (a scan's findings come from one rule set).
 *
 * @throws AppError `NOT_FOUND` (no such scan, evidence or pack folder).
 */
export async function resumePlan(db: Db, scanId: number): Promise<ResumePlan> {
  const scan = getScan(db, scanId)
  if (scan === undefined)
    throw new AppError('NOT_FOUND', `There is no scan ${scanId} in this case.`)
  const { kind } = db.prepare('SELECT kind FROM scans WHERE id = ?').get(scanId) as { kind: string }
  if (kind === 'retro-hunt') {
    throw new AppError(
      'INVALID_INPUT',
      `Scan ${scanId} is a retro-hunt: start the retro-hunt again instead (content already scanned is not read twice).`,
    )
  }
  const evidence = scan.evidenceIds.map((id) => {
    const item = getEvidence(db, id)
    if (item === undefined)
      throw new AppError('NOT_FOUND', `Evidence ${id} of scan ${scanId} is gone.`)
    return item
  })
  const rows = db
    .prepare(
      `SELECT p.source_path AS path, p.origin, p.manifest_sha256 AS sha256, p.name
       FROM scan_packs sp JOIN rule_packs p ON p.id = sp.pack_id WHERE sp.scan_id = ? ORDER BY p.id`,
    )
    .all(scanId) as { path: string; origin: string; sha256: string; name: string }[]
  const packs: LoadedPack[] = []
  for (const row of rows) {
    let pack: LoadedPack
    try {
      pack = await loadRulePack(row.path, row.origin === 'bundled' ? 'bundled' : 'local')
    } catch (error: unknown) {
      throw new AppError(
        'NOT_FOUND',
        `Rule pack ${row.name} of scan ${scanId} cannot be loaded from ${row.path} any more: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      )
    }
    if (pack.manifestSha256 !== row.sha256) {
      throw new AppError(
        'INVALID_INPUT',
        `Rule pack ${row.name} at ${row.path} changed since scan ${scanId} started: start a new scan instead.`,
      )
    }
    packs.push(pack)
  }
  return { scanId, evidence, packs, limits: scan.limits }
}
