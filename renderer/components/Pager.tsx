import { formatCount } from '../lib/format'

/** Props of {@link Pager}. */
export interface PagerProps {
  /** What is being paged, for the accessible names: "findings", "coverage entries". */
  readonly noun: string
  readonly offset: number
  readonly limit: number
  readonly total: number
  readonly onOffsetChange: (offset: number) => void
}

/**
 * Previous/next buttons with the visible range, for server-side paging.
 *
 * The buttons are named "Previous page" and "Next page"; the range reads "1–100 of 2,345".
 */
export function Pager({ noun, offset, limit, total, onOffsetChange }: PagerProps) {
  const first = total === 0 ? 0 : offset + 1
  const last = Math.min(offset + limit, total)
  return (
    <div className="pager">
      <button
        type="button"
        disabled={offset === 0}
        onClick={() => {
          onOffsetChange(Math.max(0, offset - limit))
        }}
      >
        Previous page
      </button>
      <span className="pager-range">
        {formatCount(first)}–{formatCount(last)} of {formatCount(total)} {noun}
      </span>
      <button
        type="button"
        disabled={offset + limit >= total}
        onClick={() => {
          onOffsetChange(offset + limit)
        }}
      >
        Next page
      </button>
    </div>
  )
}
