import type { EntryMetadata } from '../../../main/core/model/evidence'
import type { DetailItem } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import { formatMode } from './entry-metadata'

/**
 * Detail rows for what a file system records beyond names and times, only those it has:
 * owner, group, mode, link target, stream, encryption, flags.
 */
export function metadataItems(metadata: EntryMetadata): DetailItem[] {
  const items: DetailItem[] = []
  if (metadata.owner !== null) {
    items.push(['Owner', <SafeText key="v" value={metadata.owner} max={300} />])
  }
  if (metadata.group !== null) {
    items.push(['Group', <SafeText key="v" value={metadata.group} max={300} />])
  }
  if (metadata.mode !== null) {
    items.push([
      'Mode',
      <span key="v" className="mono">
        {formatMode(metadata.mode)}
      </span>,
    ])
  }
  if (metadata.linkTarget !== null) {
    items.push(['Link target', <SafeText key="v" value={metadata.linkTarget} max={1000} />])
  }
  if (metadata.stream !== null) {
    items.push(['NTFS stream', <SafeText key="v" value={metadata.stream} max={300} />])
  }
  if (metadata.encrypted) {
    items.push(['Encrypted', 'Yes (EFS): listed, not decrypted, not scanned'])
  }
  if (metadata.flags.length > 0) {
    items.push(['Flags', <SafeText key="v" value={metadata.flags.join(', ')} max={500} />])
  }
  return items
}
