import type { FileFacts, LooseCoverage } from '../case/results-writer'
import type { Evidence } from '../model/evidence'
import type { Db } from '../case/open-case-db'
import { readLayout } from '../case/layout-repo'
import { imageItems } from './image-plan'
import type { WalkObserver } from '../evidence/folder-walker'
import type { CoverageNote } from './child/protocol'
import { walkEvidence } from './evidence-walk'
import { externalsOf, factsOf } from './file-facts'
import type { PoolJob } from './scan-pool'

/**
 * One unit of a scan plan: content to scan, an entry only to record (a folder, a link, a file
 * whose content is gone), or a coverage entry with no file (a folder that could not be listed).
 */
export type WorkItem =
  | {
      readonly kind: 'scan'
      readonly facts: FileFacts
      readonly job: PoolJob
      readonly bytes: number
    }
  | { readonly kind: 'record'; readonly facts: FileFacts; readonly notes: readonly CoverageNote[] }
  | { readonly kind: 'loose'; readonly entry: LooseCoverage }

/** The plan of a folder or single-file evidence item, in walk order. */
export async function* folderItems(
  evidence: Evidence,
  observer: WalkObserver,
): AsyncGenerator<WorkItem> {
  for await (const entry of walkEvidence(evidence, observer)) {
    if (entry.kind === 'unlistable') {
      yield {
        kind: 'loose',
        entry: {
          evidenceId: evidence.id,
          path: entry.relPath,
          reason: 'unlistable-folder',
          detail: entry.error,
        },
      }
      continue
    }
    const facts = factsOf(evidence.id, entry)
    if (entry.kind === 'file') {
      yield {
        kind: 'scan',
        facts,
        job: { type: 'scanFile', path: entry.absPath, externals: externalsOf(entry) },
        bytes: Number(entry.stats.size),
      }
      continue
    }
    if (entry.kind === 'directory') {
      // Recorded so the evidence browser can show the folder tree; a folder is not scanned.
      yield { kind: 'record', facts: { ...facts, sizeBytes: 0 }, notes: [] }
      continue
    }
    const note: CoverageNote =
      entry.kind === 'symlink'
        ? {
            reason: 'symlink',
            detail: `symbolic link (${entry.stats.size.toString()}-byte target), not followed; its target is not read because that would update the link's access time`,
          }
        : {
            reason: 'special-file',
            detail: 'not a regular file (device, FIFO or socket): not read',
          }
    yield { kind: 'record', facts, notes: [note] }
  }
}

/**
 * Count the regular files and bytes of the evidence (a metadata-only walk ahead of the scan),
 * so progress has a total and an ETA without holding a list of every file in memory.
 */
export async function censusOf(
  db: Db,
  evidence: readonly Evidence[],
  onFile: (bytes: number) => void,
  signal: AbortSignal,
  observerFor: (evidence: Evidence) => WalkObserver = () => ({}),
): Promise<void> {
  for (const item of evidence) {
    try {
      if (item.kind !== 'image') {
        // Sizes are all a folder's census needs: no facts, no externals (half the walk's cost).
        for await (const entry of walkEvidence(item, observerFor(item))) {
          if (signal.aborted) return
          if (entry.kind === 'file') onFile(Number(entry.stats.size))
        }
        continue
      }
      for await (const work of evidenceItems(db, item, observerFor(item))) {
        if (signal.aborted) return
        if (work.kind === 'scan') onFile(work.bytes)
      }
    } catch {
      // The scan's own pass over this evidence reports the problem; the census only counts.
    }
  }
}

/**
 * The scan plan of one evidence item. An image that cannot be opened any more becomes one
 * coverage entry (and the scan goes on with the rest).
 */
export async function* evidenceItems(
  db: Db,
  evidence: Evidence,
  observer: WalkObserver,
): AsyncGenerator<WorkItem> {
  if (evidence.kind !== 'image') {
    yield* folderItems(evidence, observer)
    return
  }
  try {
    yield* imageItems(evidence, readLayout(db, evidence.id))
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error)
    yield {
      kind: 'loose',
      entry: { evidenceId: evidence.id, path: '.', reason: 'unreadable', detail },
    }
  }
}
