import type { WalkEntry, WalkObserver } from '../evidence/folder-walker'
import { describeSingleFile, walkFolder } from '../evidence/folder-walker'
import type { Evidence } from '../model/evidence'
import { scanPriority } from './scan-priority'

/**
 * Everything under one evidence item, as the walker sees it: user content first when the folder
 * is an OS volume (scan-priority.ts), name order otherwise.
 */
export async function* walkEvidence(
  evidence: Evidence,
  observer: WalkObserver = {},
): AsyncGenerator<WalkEntry> {
  if (evidence.kind === 'folder') {
    yield* walkFolder(evidence.sourcePath, observer, scanPriority)
    return
  }
  try {
    yield describeSingleFile(evidence.sourcePath)
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error)
    yield { kind: 'unlistable', absPath: evidence.sourcePath, relPath: '.', error: message }
  }
}

/** Folders whose access time a walk updated, for the scan's audit entry. */
export class FolderAtimeLog {
  private readonly paths = new Set<string>()

  /** The walk observer for one evidence item. */
  observerFor(evidence: Evidence): WalkObserver {
    return {
      onFolderAtimeChanged: (relPath) => {
        this.paths.add(`${evidence.label}/${relPath}`)
      },
    }
  }

  /** Count and the first few paths. */
  summary(): { count: number; examples: string[] } {
    return { count: this.paths.size, examples: [...this.paths].sort().slice(0, 20) }
  }
}
