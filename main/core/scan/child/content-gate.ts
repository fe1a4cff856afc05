import type { Digests } from '../../case/known-bad'
import { contentKeyOf, PATH_EXTERNALS } from '../dedup/scan-profile'
import type { PathExternal } from '../dedup/scan-profile'
import { ContentIndex } from './content-index'
import type { ChildLookups, CoverageNote, FileExternals } from './protocol'

/** What to do with content once it is hashed. */
export type GateVerdict =
  | { readonly run: true; readonly contentKey: string }
  | {
      readonly run: false
      readonly origin: 'same-content' | 'known-good'
      readonly contentKey: string
      readonly note: CoverageNote | null
    }

/** Keys this process scanned itself (not yet committed when the next copy comes): bounded. */
const MEMO_LIMIT = 200_000

/**
 * The scan process's decision, between hashing and YARA: skip content in a known-good hash set,
 * reuse the results of identical content already scanned under this scan profile (committed
 * in the case, or scanned by this process moments ago), else run YARA.
 */
export class ContentGate {
  private readonly memo = new Set<string>()

  private constructor(
    private readonly index: ContentIndex,
    private readonly used: readonly PathExternal[],
  ) {}

  static open(lookups: ChildLookups): ContentGate {
    const known = new Set<string>(PATH_EXTERNALS)
    const used = lookups.pathExternals.filter((name): name is PathExternal => known.has(name))
    return new ContentGate(ContentIndex.open(lookups), used)
  }

  /** The gate of one file (its path externals are part of the dedup key). */
  forFile(externals: FileExternals): (digests: Digests & { sha256: string }) => GateVerdict {
    return (digests) => {
      const contentKey = contentKeyOf(digests.sha256, externals, this.used)
      const good = this.index.knownGood(digests)
      if (good !== null) {
        const label = good.label === null ? '' : `, listed as "${good.label}"`
        return {
          run: false,
          origin: 'known-good',
          contentKey,
          note: {
            reason: 'known-good',
            detail: `${good.algo.toUpperCase()} in known-good hash set "${good.set}"${label}: not scanned`,
          },
        }
      }
      if (this.memo.has(contentKey) || this.index.sameContent(contentKey) !== null)
        return { run: false, origin: 'same-content', contentKey, note: null }
      return { run: true, contentKey }
    }
  }

  /** Remember content this process scanned in full. */
  scanned(contentKey: string): void {
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear()
    this.memo.add(contentKey)
  }

  close(): void {
    this.index.close()
  }
}
