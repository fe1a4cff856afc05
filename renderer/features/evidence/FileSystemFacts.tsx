import type { FileSystemInfo } from '../../../main/core/model/evidence'
import { formatSizeExact } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'

/** Props of {@link FileSystemFacts}. */
export interface FileSystemFactsProps {
  readonly fileSystem: FileSystemInfo
  readonly volumeIndex: number
  /** True when the file browser shows this file system. */
  readonly isCurrent: boolean
  readonly onBrowse: () => void
}

/**
 * The file system read on a volume: kind, label, cluster size and size, and the button that
 * opens it in the file browser ("Browse files of volume N").
 */
export function FileSystemFacts({
  fileSystem: fs,
  volumeIndex,
  isCurrent,
  onBrowse,
}: FileSystemFactsProps) {
  return (
    <div className="file-system">
      <h6>File system</h6>
      <DetailList
        items={[
          ['Kind', <SafeText key="v" value={fs.kind} max={100} />],
          ['Label', <SafeText key="v" value={fs.label} max={300} />],
          ['Cluster size', formatSizeExact(fs.clusterSize)],
          ['Size', formatSizeExact(fs.sizeBytes)],
        ]}
      />
      <button
        type="button"
        className="browse-button"
        aria-current={isCurrent ? 'true' : undefined}
        onClick={onBrowse}
      >
        Browse files <span className="visually-hidden">of volume {volumeIndex}</span>
      </button>
    </div>
  )
}
