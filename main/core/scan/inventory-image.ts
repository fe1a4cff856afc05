import { appendAudit } from '../case/audit-log'
import type { CaseHandle } from '../case/case-file'
import { fileUpserter } from '../case/files-repo'
import { updateFileCount } from '../case/evidence-repo'
import type { FileFacts } from '../case/files-repo'
import { readLayout } from '../case/layout-repo'
import { AppError } from '../model/errors'
import type { Evidence } from '../model/evidence'
import { imageItems } from './image-plan'

const BATCH = 500

/** What an inventory found. */
export interface InventoryCounts {
  readonly entries: number
  readonly files: number
  readonly deleted: number
  readonly problems: number
}

/**
 * List every entry of every file system of an image into the case (paths, sizes, times,
 * deleted flags, data runs), so the evidence can be browsed before it is scanned. Content is not
 * read; a later scan adds hashes and types to the same rows.
 */
export async function inventoryImage(
  handle: CaseHandle,
  evidence: Evidence,
  options: {
    readonly examiner: string
    readonly signal?: AbortSignal
    readonly onProgress?: (entries: number) => void
  },
): Promise<InventoryCounts> {
  const upsert = fileUpserter(handle.db)
  let batch: FileFacts[] = []
  const counts = { entries: 0, files: 0, deleted: 0, problems: 0 }
  const flush = (): void => {
    const rows = batch
    batch = []
    handle.db
      .transaction(() => {
        for (const facts of rows) upsert(facts, null)
      })
      .immediate()
    options.onProgress?.(counts.entries)
  }
  for await (const item of imageItems(evidence, readLayout(handle.db, evidence.id))) {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'Listing the image was cancelled.')
    if (item.kind === 'loose') {
      counts.problems += item.entry.reason === 'filesystem-damaged' ? 1 : 0
      continue
    }
    batch.push(item.facts)
    counts.entries += 1
    if (item.facts.kind === 'file') counts.files += 1
    if (item.facts.image?.deleted === true) counts.deleted += 1
    if (batch.length >= BATCH) flush()
  }
  flush()
  updateFileCount(handle.db, evidence.id, counts.files - counts.deleted)
  appendAudit(handle.db, handle.info.uuid, {
    actor: options.examiner,
    action: 'evidence.listed',
    subject: evidence.uuid,
    details: counts,
  })
  return counts
}
