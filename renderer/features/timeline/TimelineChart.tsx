import { useEffect, useId, useRef } from 'react'
import type { KeyboardEvent, PointerEvent } from 'react'
import type { TimelineEvent } from '../../../main/core/model/timeline'
import { formatUtc } from '../../lib/format'
import { attributeText } from '../../lib/text'
import type { TimeWindow } from './time-window'
import { PAN_FRACTION, ZOOM_FACTOR, axisTicks, positionIn, timeMs } from './time-window'

/** Above this many events in view, neighbours are drawn as density bars rather than ticks. */
export const DENSITY_THRESHOLD = 300
const BINS = 120
const WIDTH = 1000
const HEIGHT = 130
const BASE = 100

/** Props of {@link TimelineChart}. */
export interface TimelineChartProps {
  /** The events inside the window. */
  readonly events: readonly TimelineEvent[]
  readonly window: TimeWindow
  /** The file the timeline was opened around: its times are marked. */
  readonly aroundFileId?: number | undefined
  /** Zoom by a factor (> 1: in) about a time (the middle when absent). */
  readonly onZoom: (factor: number, center?: number) => void
  /** Move by a fraction of the span (negative: earlier). */
  readonly onPan: (fraction: number) => void
}

/**
 * The time axis with the events as ticks (hits in the danger colour, neighbours muted; density
 * bars when many). Keyboard: + / − zoom, ← / → pan; Ctrl + wheel zooms about the pointer, a drag pans. The
 * table below it is the accessible equivalent: the picture itself is described in one line.
 */
export function TimelineChart(props: TimelineChartProps) {
  const { events, window } = props
  const ref = useRef<HTMLDivElement>(null)
  const summaryId = useId()
  // Drag to pan: the window moves once, when the pointer is released (one request per drag).
  const drag = useRef<number | null>(null)
  const { onZoom } = props

  useEffect(() => {
    const element = ref.current
    if (element === null) return undefined
    // A native, non-passive listener: React's wheel listener cannot stop the page from zooming.
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey) return
      event.preventDefault()
      const box = element.getBoundingClientRect()
      const ratio = box.width > 0 ? (event.clientX - box.left) / box.width : 0.5
      const span = window.to - window.from
      onZoom(event.deltaY < 0 ? ZOOM_FACTOR : 1 / ZOOM_FACTOR, window.from + span * ratio)
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => {
      element.removeEventListener('wheel', onWheel)
    }
  }, [window, onZoom])

  function onPointerUp(event: PointerEvent) {
    const startX = drag.current
    drag.current = null
    const width = ref.current?.getBoundingClientRect().width ?? 0
    if (startX === null || width <= 0 || Math.abs(event.clientX - startX) < 3) return
    props.onPan(-(event.clientX - startX) / width)
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey) return
    const actions: Record<string, () => void> = {
      '+': () => {
        props.onZoom(ZOOM_FACTOR)
      },
      '=': () => {
        props.onZoom(ZOOM_FACTOR)
      },
      '-': () => {
        props.onZoom(1 / ZOOM_FACTOR)
      },
      _: () => {
        props.onZoom(1 / ZOOM_FACTOR)
      },
      ArrowLeft: () => {
        props.onPan(-PAN_FRACTION)
      },
      ArrowRight: () => {
        props.onPan(PAN_FRACTION)
      },
    }
    const action = actions[event.key]
    if (action === undefined) return
    event.preventDefault()
    action()
  }

  const hits = events.filter((e) => e.hasFinding).length
  return (
    // A focusable group of keys (as the hex view): zoom and pan, described by its label.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      ref={ref}
      className="timeline-chart"
      role="group"
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      aria-label="Timeline chart: + and − zoom, left and right arrows move"
      aria-describedby={summaryId}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        drag.current = event.clientX
      }}
      onPointerUp={onPointerUp}
      onPointerLeave={() => {
        drag.current = null
      }}
    >
      <p id={summaryId} className="visually-hidden">
        {events.length} events in view, {hits} of files with findings; the table below lists them.
      </p>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
        <line className="tl-axis" x1={0} y1={BASE} x2={WIDTH} y2={BASE} />
        {axisTicks(window).map((tick) => {
          const x = positionIn(window, tick.ms) * WIDTH
          return (
            <g key={tick.ms} className="tl-axis-tick">
              <line x1={x} y1={BASE} x2={x} y2={BASE + 5} />
              <text x={x} y={BASE + 18} textAnchor="middle">
                {tick.label}
              </text>
            </g>
          )
        })}
        {events.length > DENSITY_THRESHOLD ? (
          <DensityBars events={events} window={window} />
        ) : (
          events
            .filter((e) => !e.hasFinding)
            .map((e) => <Tick key={key(e)} event={e} window={window} className="tl-neighbour" />)
        )}
        {events
          .filter((e) => e.hasFinding || e.fileId === props.aroundFileId)
          .map((e) => (
            <Tick
              key={key(e)}
              event={e}
              window={window}
              className={e.fileId === props.aroundFileId ? 'tl-hit tl-around' : 'tl-hit'}
            />
          ))}
      </svg>
    </div>
  )
}

function key(e: TimelineEvent): string {
  return `${e.fileId}-${e.kind}-${e.source ?? ''}`
}

function Tick(props: {
  readonly event: TimelineEvent
  readonly window: TimeWindow
  readonly className: string
}) {
  const ms = timeMs(props.event.at)
  if (ms === null) return null
  const x = positionIn(props.window, ms) * WIDTH
  const top = props.event.hasFinding ? 12 : 50
  const { event } = props
  return (
    <line className={props.className} x1={x} y1={top} x2={x} y2={BASE}>
      <title>
        {formatUtc(event.at)} · {event.kind} · {attributeText(event.path, 300)}
      </title>
    </line>
  )
}

/** Counts of hits and neighbours per slice of the window, drawn as bars (square-root scale). */
function DensityBars(props: {
  readonly events: readonly TimelineEvent[]
  readonly window: TimeWindow
}) {
  const counts = Array.from({ length: BINS }, () => 0)
  for (const e of props.events) {
    const ms = timeMs(e.at)
    if (ms === null || e.hasFinding) continue
    const bin = Math.min(BINS - 1, Math.max(0, Math.floor(positionIn(props.window, ms) * BINS)))
    counts[bin] = (counts[bin] ?? 0) + 1
  }
  const max = Math.max(1, ...counts)
  const width = WIDTH / BINS
  return (
    <g className="tl-density">
      {counts.map((n, i) => {
        if (n === 0) return null
        const height = Math.max(2, Math.sqrt(n / max) * (BASE - 20))
        return (
          <rect key={i} x={i * width + 0.5} y={BASE - height} width={width - 1} height={height} />
        )
      })}
    </g>
  )
}
