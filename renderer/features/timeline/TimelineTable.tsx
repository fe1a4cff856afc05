import { useState } from 'react'
import type { TimelineEvent } from '../../../main/core/model/timeline'
import { formatUtc } from '../../lib/format'
import { Badge } from '../../components/Badge'
import { Pager } from '../../components/Pager'
import { SafeText } from '../../components/SafeText'

/** Rows of the events table per page. */
export const TIMELINE_PAGE_SIZE = 200

const KIND_LABELS: Readonly<Record<TimelineEvent['kind'], string>> = {
  modified: 'Modified',
  accessed: 'Accessed',
  changed: 'Changed',
  born: 'Created',
}

/** "Created ($FN)": the kind of time, and on NTFS which attribute recorded it. */
export function kindLabel(event: TimelineEvent): string {
  const kind = KIND_LABELS[event.kind]
  return event.source === null ? kind : `${kind} ($${event.source === 'SI' ? 'SI' : 'FN'})`
}

/** Props of {@link TimelineTable}. */
export interface TimelineTableProps {
  /** The events inside the window, in time order. */
  readonly events: readonly TimelineEvent[]
  readonly aroundFileId?: number | undefined
}

/**
 * The events of the window as a table (region "Timeline events"): the accessible equivalent of
 * the chart, with the full stored time (nanoseconds where the file system has them).
 */
export function TimelineTable({ events, aroundFileId }: TimelineTableProps) {
  const [offset, setOffset] = useState(0)
  // A new window starts at its first page.
  const [seen, setSeen] = useState(events)
  if (seen !== events) {
    setSeen(events)
    setOffset(0)
  }
  if (events.length === 0) {
    return <p className="empty">No file times in this window: zoom out or move along the axis.</p>
  }
  const page = events.slice(offset, offset + TIMELINE_PAGE_SIZE)
  return (
    <section className="timeline-events" aria-label="Timeline events">
      <table className="data-table">
        <caption className="visually-hidden">
          File times in the visible window, earliest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Time kind</th>
            <th scope="col">Path</th>
            <th scope="col">Evidence</th>
            <th scope="col">Finding</th>
          </tr>
        </thead>
        <tbody>
          {page.map((event) => (
            <tr
              key={`${event.fileId}-${event.kind}-${event.source ?? ''}`}
              className={event.fileId === aroundFileId ? 'is-selected' : undefined}
            >
              <td className="mono">{formatUtc(event.at)}</td>
              <td>{kindLabel(event)}</td>
              <td className="mono path">
                <SafeText value={event.path} max={500} />
              </td>
              <td>
                <SafeText value={event.evidenceLabel} max={200} />
              </td>
              <td>
                {event.hasFinding ? (
                  <Badge tone="danger">Finding · score {event.maxScore ?? '—'}</Badge>
                ) : (
                  <span className="muted">Neighbour</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length > TIMELINE_PAGE_SIZE && (
        <Pager
          noun="events"
          offset={offset}
          limit={TIMELINE_PAGE_SIZE}
          total={events.length}
          onOffsetChange={setOffset}
        />
      )}
    </section>
  )
}
