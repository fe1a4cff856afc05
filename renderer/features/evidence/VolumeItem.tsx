import type { VolumeInfo } from '../../../main/core/model/evidence'
import { formatOffset } from '../../lib/bytes'
import { formatCount, formatSizeExact } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import type { DetailItem } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import type { BrowseScope } from './browse-scope'
import { scopeKey, volumeName, volumeScope } from './browse-scope'
import { FileSystemFacts } from './FileSystemFacts'
import { SpaceButton } from './SpaceButton'

/** Props of {@link VolumeItem}. */
export interface VolumeItemProps {
  readonly evidenceId: number
  readonly volume: VolumeInfo
  /** Bytes per sector, to show where the volume starts in sectors. */
  readonly sectorSize: number
  /** The scope the file browser shows, if any. */
  readonly currentScope: BrowseScope | null
  readonly refresh: unknown
  readonly onBrowse: (scope: BrowseScope) => void
}

/**
 * One volume of the image tree: index and slot, start (bytes, hex and sector), length, type,
 * GPT name, and below it its file system, or "No file system read" (then its raw blocks, once
 * recorded).
 */
export function VolumeItem(props: VolumeItemProps) {
  const { evidenceId, volume, sectorSize, currentScope, onBrowse } = props
  const scope = volumeScope(evidenceId, volume)
  const isCurrent = currentScope !== null && scopeKey(currentScope) === scopeKey(scope)
  const items: DetailItem[] = [
    [
      'Start',
      <span key="v" className="mono">
        {formatOffset(volume.startOffset)} · sector{' '}
        {formatCount(Math.floor(volume.startOffset / sectorSize))}
      </span>,
    ],
    ['Length', formatSizeExact(volume.length)],
    ['Type', <SafeText key="v" value={volume.type} max={300} />],
  ]
  if (volume.name !== null)
    items.push(['GPT name', <SafeText key="v" value={volume.name} max={300} />])
  return (
    <li className="volume">
      <h5>
        <SafeText value={volumeName(volume)} max={200} />
      </h5>
      <DetailList items={items} />
      {volume.fileSystem === null ? (
        <div className="file-system none">
          <p className="muted">No file system read.</p>
          <SpaceButton
            scope={scope}
            text="Browse unallocated space"
            hiddenText={`of volume ${volume.index}`}
            isCurrent={isCurrent}
            refresh={props.refresh}
            onBrowse={onBrowse}
          />
        </div>
      ) : (
        <FileSystemFacts
          fileSystem={volume.fileSystem}
          volumeIndex={volume.index}
          isCurrent={isCurrent}
          onBrowse={() => {
            onBrowse(scope)
          }}
        />
      )}
    </li>
  )
}
