import type { EvidenceLayout } from '../../../main/core/model/evidence'
import type { BrowseScope } from './browse-scope'
import { scopeKey, unpartitionedScope } from './browse-scope'
import { ContainerFacts } from './ContainerFacts'
import { SpaceButton } from './SpaceButton'
import { VolumeItem } from './VolumeItem'

/** Props of {@link ImageLayout}. */
export interface ImageLayoutProps {
  readonly layout: EvidenceLayout
  /** The scope the file browser shows, if any. */
  readonly currentScope: BrowseScope | null
  /** Changes when the listing ends or a scan finishes (both record blocks of raw space). */
  readonly refresh: unknown
  readonly onBrowse: (scope: BrowseScope) => void
}

/** Sector size to count sectors in: the container's own when it says, else 512. */
function sectorSizeOf(layout: EvidenceLayout): number {
  const stated = layout.containerDetails.bytesPerSector
  return typeof stated === 'number' && Number.isInteger(stated) && stated > 0 ? stated : 512
}

/**
 * The tree of an image (region "Image layout"): the container, then each volume of its
 * partition table, then the file system read on it, each with the button that browses it.
 */
export function ImageLayout({ layout, currentScope, refresh, onBrowse }: ImageLayoutProps) {
  const sectorSize = sectorSizeOf(layout)
  const unpartitioned = unpartitionedScope(layout.evidenceId)
  return (
    <section className="card image-layout" aria-label="Image layout">
      <h3>Image layout</h3>
      <ContainerFacts layout={layout} />
      {layout.volumes.length === 0 ? (
        <p className="empty">No volume was found in this image.</p>
      ) : (
        <ol className="volume-list" aria-label="Volumes">
          {layout.volumes.map((volume) => (
            <VolumeItem
              key={volume.id}
              evidenceId={layout.evidenceId}
              volume={volume}
              sectorSize={sectorSize}
              currentScope={currentScope}
              refresh={refresh}
              onBrowse={onBrowse}
            />
          ))}
        </ol>
      )}
      <p className="hint">
        Sectors are counted in {sectorSize}-byte sectors
        {layout.containerDetails.bytesPerSector === undefined ? ' (assumed)' : ''}.
      </p>
      <SpaceButton
        scope={unpartitioned}
        text="Browse unpartitioned space"
        isCurrent={currentScope !== null && scopeKey(currentScope) === scopeKey(unpartitioned)}
        refresh={refresh}
        onBrowse={onBrowse}
      />
    </section>
  )
}
