import { formatCount } from '../../lib/format'
import type { BrowseScope } from './browse-scope'
import { useEntryCount } from './use-entry-count'

/** Props of {@link SpaceButton}. */
export interface SpaceButtonProps {
  /** The blocks to browse (a volume with no file system, or the unpartitioned space). */
  readonly scope: BrowseScope
  /** The visible text of the button; `hiddenText` completes its accessible name. */
  readonly text: string
  readonly hiddenText?: string
  readonly isCurrent: boolean
  readonly refresh: unknown
  readonly onBrowse: (scope: BrowseScope) => void
}

/**
 * A button browsing blocks of raw space, shown only once some are recorded (by the listing that
 * follows adding the image, or by a scan), with their count beside it.
 */
export function SpaceButton(props: SpaceButtonProps) {
  const { scope } = props
  const count = useEntryCount(scope.evidenceId, scope.fileSystemId, scope.root, props.refresh)
  if (count === 0) return null
  return (
    <span className="space-button">
      <button
        type="button"
        className="browse-button"
        aria-current={props.isCurrent ? 'true' : undefined}
        onClick={() => {
          props.onBrowse(scope)
        }}
      >
        {props.text}
        {props.hiddenText !== undefined && (
          <>
            {' '}
            <span className="visually-hidden">{props.hiddenText}</span>
          </>
        )}
      </button>{' '}
      <small className="muted">
        {formatCount(count)} {count === 1 ? 'block' : 'blocks'}
      </small>
    </span>
  )
}
