import type { FindingDetail } from '../../../main/core/model/findings'
import { formatOffset } from '../../lib/bytes'
import { formatSizeExact } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import type { DetailItem } from '../../components/DetailList'
import { HashValue } from '../../components/HashValue'
import { SafeText } from '../../components/SafeText'
import { EntryTimesTable } from '../evidence/EntryTimesTable'
import { DetailFold } from './DetailFold'
import { metadataItems } from '../evidence/metadata-items'
import { FindingFlags, FindingPlace } from './FindingPlace'

/** Props of {@link FileDetails}. */
export interface FileDetailsProps {
  readonly file: FindingDetail['file']
  /** The finding's row: where it is (volume, file system) and whether deleted or unallocated. */
  readonly finding: FindingDetail['finding']
}

function imageItems(file: FindingDetail['file']): DetailItem[] {
  const items: DetailItem[] = []
  if (file.inode !== null) {
    items.push(['Inode / entry', <SafeText key="v" value={file.inode} max={200} />])
  }
  if (file.imageOffset !== null) {
    items.push([
      'Offset in image',
      <span key="v" className="mono">
        {formatOffset(file.imageOffset)}
      </span>,
    ])
  }
  return items
}

/**
 * The file that matched: place (`evidence › volume › file system › path`), deleted or
 * unallocated, inode and offset in the image, size, hashes, type, entropy, owner and times
 * (UTC, with how to read them when the file system says, e.g. FAT local time).
 */
export function FileDetails({ file, finding }: FileDetailsProps) {
  const place = { evidenceLabel: file.evidenceLabel, location: finding.location, path: file.path }
  const items: DetailItem[] = [
    [
      'Location',
      <span key="v">
        <FindingPlace row={place} /> <FindingFlags row={finding} />
      </span>,
    ],
    ['Path', <SafeText key="v" value={file.path} />],
    ['Evidence', <SafeText key="v" value={file.evidenceLabel} max={500} />],
    ...imageItems(file),
    ['Size', formatSizeExact(file.sizeBytes)],
    ['MD5', <HashValue key="v" value={file.md5} />],
    ['SHA-1', <HashValue key="v" value={file.sha1} />],
    ['SHA-256', <HashValue key="v" value={file.sha256} />],
    ['MIME type', <SafeText key="v" value={file.mime} max={200} />],
    ['File type', <SafeText key="v" value={file.fileType} max={500} />],
    ['Entropy', file.entropy === null ? '—' : `${file.entropy.toFixed(3)} bits per byte`],
    ...metadataItems(file.metadata),
  ]
  return (
    <DetailFold title="File">
      <p className="hint">Times are in UTC.</p>
      {file.timeNote !== null && file.timeNote !== '' && (
        <p className="hint time-note">
          Note on times: <SafeText value={file.timeNote} max={2000} />
        </p>
      )}
      <DetailList items={items} />
      <EntryTimesTable times={file.times} metadata={file.metadata} caption="Times of the file" />
    </DetailFold>
  )
}
