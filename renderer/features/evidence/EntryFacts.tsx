import type { BrowseEntry } from '../../../main/core/model/evidence'
import { formatSizeExact } from '../../lib/format'
import { Badge } from '../../components/Badge'
import { DetailList } from '../../components/DetailList'
import type { DetailItem } from '../../components/DetailList'
import { HashValue } from '../../components/HashValue'
import { SafeText } from '../../components/SafeText'
import { EntryTimesTable } from './EntryTimesTable'
import { isBackdatedLike } from './entry-metadata'
import { metadataItems } from './metadata-items'

/** Props of {@link EntryFacts}. */
export interface EntryFactsProps {
  readonly entry: BrowseEntry
}

/**
 * What the file system says about the selected entry (region "Entry details"): path, id, size,
 * owner, group and mode (ext), stream (NTFS), flags, and its times — on NTFS both sets,
 * $STANDARD_INFORMATION beside $FILE_NAME.
 */
export function EntryFacts({ entry }: EntryFactsProps) {
  const times = {
    modified: entry.modified,
    accessed: entry.accessed,
    changed: entry.changed,
    born: entry.born,
  }
  const items: DetailItem[] = [
    ['Path', <SafeText key="v" value={entry.path} />],
    ['Inode / entry', <SafeText key="v" value={entry.inode} max={200} />],
    ['Size', entry.kind === 'directory' ? '—' : formatSizeExact(entry.sizeBytes)],
    ...metadataItems(entry.metadata),
    ['SHA-256', <HashValue key="v" value={entry.sha256} />],
  ]
  return (
    <section className="card entry-facts" aria-label="Entry details">
      <h4>
        <SafeText value={entry.name} max={300} fallback="(no name)" />{' '}
        {isBackdatedLike(times, entry.metadata) && (
          <Badge tone="warning">$SI born before $FN</Badge>
        )}
      </h4>
      <DetailList items={items} />
      <EntryTimesTable times={times} metadata={entry.metadata} caption="Times of this entry" />
      {entry.timeNote !== null && entry.timeNote !== '' && (
        <p className="hint time-note">
          Note on times: <SafeText value={entry.timeNote} max={2000} />
        </p>
      )}
    </section>
  )
}
