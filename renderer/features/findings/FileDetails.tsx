import type { FindingDetail } from '../../../main/core/model/findings'
import { formatSizeExact, formatUtc } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import type { DetailItem } from '../../components/DetailList'
import { HashValue } from '../../components/HashValue'
import { SafeText } from '../../components/SafeText'

/** Props of {@link FileDetails}. */
export interface FileDetailsProps {
  readonly file: FindingDetail['file']
}

/**
 * The file that matched: path, evidence, size, hashes, type, entropy, owner and times (UTC).
 */
export function FileDetails({ file }: FileDetailsProps) {
  const items: DetailItem[] = [
    ['Path', <SafeText key="v" value={file.path} />],
    ['Evidence', <SafeText key="v" value={file.evidenceLabel} max={500} />],
    ['Size', formatSizeExact(file.sizeBytes)],
    ['MD5', <HashValue key="v" value={file.md5} />],
    ['SHA-1', <HashValue key="v" value={file.sha1} />],
    ['SHA-256', <HashValue key="v" value={file.sha256} />],
    ['MIME type', <SafeText key="v" value={file.mime} max={200} />],
    ['File type', <SafeText key="v" value={file.fileType} max={500} />],
    ['Entropy', file.entropy === null ? '—' : `${file.entropy.toFixed(3)} bits per byte`],
    ['Owner', <SafeText key="v" value={file.owner} max={500} />],
    ['Modified (UTC)', formatUtc(file.times.modified)],
    ['Accessed (UTC)', formatUtc(file.times.accessed)],
    ['Changed (UTC)', formatUtc(file.times.changed)],
    ['Born (UTC)', formatUtc(file.times.born)],
  ]
  return (
    <section className="detail-section" aria-labelledby="finding-file-title">
      <h4 id="finding-file-title">File</h4>
      <p className="hint">Times are in UTC.</p>
      <DetailList items={items} />
    </section>
  )
}
