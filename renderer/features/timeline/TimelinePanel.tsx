import { useState } from 'react'
import type { TimelineEvent, TimelinePage } from '../../../main/core/model/timeline'
import { formatCount, formatUtcSeconds } from '../../lib/format'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TimelineChart } from './TimelineChart'
import { TimelineTable } from './TimelineTable'
import type { TimeWindow } from './time-window'
import {
  PAN_FRACTION,
  ZOOM_FACTOR,
  panWindow,
  paddedWindow,
  spanText,
  timeMs,
  windowBounds,
  zoomWindow,
} from './time-window'

/** Most events asked per window (hits first, then neighbours). */
export const TIMELINE_LIMIT = 2000

/** Props of {@link TimelinePanel}. */
export interface TimelinePanelProps {
  /** Changes when a scan finishes: the events are fetched again. */
  readonly revision?: number
  /** Opened from a finding ("Show on timeline"): that file's times are marked, "Zoom to hit". */
  readonly aroundFileId?: number | undefined
}

/**
 * The Timeline section: the file times (modified, accessed, changed, created; NTFS $SI and $FN)
 * of the files with findings, and of the other files around them, on a zoomable axis, with the
 * same events in a table below — so an analyst sees what happened around a hit.
 */
export function TimelinePanel({ revision = 0, aroundFileId }: TimelinePanelProps) {
  const [window, setWindow] = useState<TimeWindow | null>(null)
  const [withNeighbours, setWithNeighbours] = useState(true)
  const input = {
    ...(window === null ? {} : windowBounds(window)),
    ...(aroundFileId === undefined ? {} : { around: { fileId: aroundFileId } }),
    limit: TIMELINE_LIMIT,
    includeNeighbours: withNeighbours,
  }
  const state = useInvoke('timeline:events', input, revision)
  const page = state.result?.ok === true ? state.result.value : undefined
  // Opened from a finding: start zoomed on its file's times (once; "Show all" leaves it).
  const [zoomedToHit, setZoomedToHit] = useState(false)
  if (!zoomedToHit && page !== undefined && aroundFileId !== undefined) {
    setZoomedToHit(true)
    const hit = aroundWindow(page.events, aroundFileId)
    if (hit !== null) setWindow(hit)
  }
  const shown = window ?? (page === undefined ? null : fullWindow(page))

  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {state.result === undefined && <p className="muted">Loading the timeline…</p>}
      {state.result?.ok === false && (
        <ErrorNotice error={state.result.error} title="Could not read the timeline" />
      )}
      {page !== undefined && shown === null && (
        <p className="empty">No file times yet — add evidence and scan.</p>
      )}
      {page !== undefined && shown !== null && (
        <TimelineView
          page={page}
          window={shown}
          aroundFileId={aroundFileId}
          isLoading={state.isLoading}
          withNeighbours={withNeighbours}
          onNeighbours={setWithNeighbours}
          onWindow={setWindow}
        />
      )}
    </section>
  )
}

function fullWindow(page: TimelinePage): TimeWindow | null {
  if (page.range === null) return null
  const first = timeMs(page.range.first)
  const last = timeMs(page.range.last)
  return first === null || last === null ? null : paddedWindow(first, last)
}

interface TimelineViewProps {
  readonly page: TimelinePage
  readonly window: TimeWindow
  readonly aroundFileId: number | undefined
  readonly isLoading: boolean
  readonly withNeighbours: boolean
  readonly onNeighbours: (value: boolean) => void
  readonly onWindow: (window: TimeWindow | null) => void
}

function TimelineView(props: TimelineViewProps) {
  const { page, window, aroundFileId } = props
  const visible = page.events.filter((e) => inWindow(e, window))
  const hits = visible.filter((e) => e.hasFinding).length
  const around = aroundWindow(page.events, aroundFileId)
  const zoom = (factor: number, center?: number) => {
    props.onWindow(zoomWindow(window, factor, center))
  }
  const pan = (fraction: number) => {
    props.onWindow(panWindow(window, fraction))
  }
  return (
    <>
      <div className="timeline-toolbar" role="toolbar" aria-label="Timeline view">
        <button
          type="button"
          onClick={() => {
            zoom(ZOOM_FACTOR)
          }}
        >
          Zoom in
        </button>
        <button
          type="button"
          onClick={() => {
            zoom(1 / ZOOM_FACTOR)
          }}
        >
          Zoom out
        </button>
        <button
          type="button"
          onClick={() => {
            pan(-PAN_FRACTION)
          }}
        >
          Earlier
        </button>
        <button
          type="button"
          onClick={() => {
            pan(PAN_FRACTION)
          }}
        >
          Later
        </button>
        <button
          type="button"
          onClick={() => {
            props.onWindow(null)
          }}
        >
          Show all
        </button>
        {around !== null && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              props.onWindow(around)
            }}
          >
            Zoom to hit
          </button>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={props.withNeighbours}
            onChange={(e) => {
              props.onNeighbours(e.target.checked)
            }}
          />{' '}
          Show other files in the window
        </label>
      </div>
      <p className="timeline-status" role="status" aria-busy={props.isLoading}>
        {formatUtcSeconds(new Date(window.from).toISOString())} to{' '}
        {formatUtcSeconds(new Date(window.to).toISOString())} ({spanText(window.to - window.from)}
        ): {formatCount(visible.length)} {visible.length === 1 ? 'time' : 'times'},{' '}
        {formatCount(hits)} of files with findings
        {page.total > page.events.length &&
          ` — ${formatCount(page.total)} in this window; the first ${formatCount(page.events.length)} are shown: zoom in to see the rest`}
        .
      </p>
      <TimelineChart
        events={visible}
        window={window}
        aroundFileId={aroundFileId}
        onZoom={zoom}
        onPan={pan}
      />
      <p className="hint">
        Keys on the chart: + and − zoom, ← and → move; with a mouse, Ctrl + wheel zooms where it
        points and dragging moves.
      </p>
      <TimelineTable events={visible} aroundFileId={aroundFileId} />
    </>
  )
}

function inWindow(event: TimelineEvent, window: TimeWindow): boolean {
  const ms = timeMs(event.at)
  return ms !== null && ms >= Math.floor(window.from) && ms <= Math.ceil(window.to)
}

/** The window around the times of the file the timeline was opened for; null: none known. */
function aroundWindow(events: readonly TimelineEvent[], fileId: number | undefined) {
  if (fileId === undefined) return null
  const times = events
    .filter((e) => e.fileId === fileId)
    .map((e) => timeMs(e.at))
    .filter((ms): ms is number => ms !== null)
  if (times.length === 0) return null
  return paddedWindow(Math.min(...times), Math.max(...times))
}
