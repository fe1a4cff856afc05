import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { ErrorNotice } from '../ErrorNotice'
import { SafeText } from '../SafeText'
import type { HexGutter, HexHighlight } from './hex-rows'
import { BYTES_PER_ROW, highlightAt, rowCount, rowOf, sortedHighlights } from './hex-rows'
import { HexRow } from './HexRow'
import { HexToolbar } from './HexToolbar'
import { useHexChunks } from './use-hex-chunks'

/** Rows drawn at once (the view's height in the stylesheet is this many rows). */
export const VISIBLE_ROWS = 24

/** Rows kept above an offset gone to, so it is seen in its context. */
const CONTEXT_ROWS = 2

/** Rows one wheel notch moves. */
const WHEEL_ROWS = 3

/** Props of {@link HexView}. */
export interface HexViewProps {
  readonly fileId: number
  readonly sizeBytes: number
  /** Ranges to mark (the matches), each with an optional label (the string's identifier). */
  readonly highlights?: readonly HexHighlight[]
  /** The offset shown first (e.g. the first match). */
  readonly initialOffset?: number
  /** What the bytes are, for the region's name ("Content of invoice.pdf"). */
  readonly label: string
  /** Go to `offset` each time `request` changes (a match chosen outside the view). */
  readonly jumpTo?: { readonly offset: number; readonly request: number }
}

/**
 * The bytes of a whole case file in hex, however large: only the rows in view are drawn, and
 * their bytes are fetched in chunks through `files:read` as the analyst moves. Matches are
 * marked; arrows, Page Up/Down and Home/End move through the file when the rows have focus.
 */
export function HexView({
  fileId,
  sizeBytes,
  highlights,
  initialOffset,
  label,
  jumpTo,
}: HexViewProps) {
  const ids = useId()
  const marks = useMemo(() => sortedHighlights(highlights ?? []), [highlights])
  const maxTop = Math.max(0, rowCount(sizeBytes) - VISIBLE_ROWS)
  const clamp = (row: number) => Math.min(maxTop, Math.max(0, row))
  const start = Math.min(Math.max(0, initialOffset ?? 0), Math.max(0, sizeBytes - 1))
  const [wantedTop, setTop] = useState(() => clamp(rowOf(start) - CONTEXT_ROWS))
  // A smaller file shown in the same view cannot leave it past its end.
  const top = clamp(wantedTop)
  const [target, setTarget] = useState<number | null>(initialOffset === undefined ? null : start)
  const [current, setCurrent] = useState<number | null>(() => highlightAt(marks, start))
  const [gutter, setGutter] = useState<HexGutter>('ascii')
  const [announced, setAnnounced] = useState('')
  const [seenJump, setSeenJump] = useState(jumpTo?.request)
  const [seenFile, setSeenFile] = useState(fileId)
  const viewport = useRef<HTMLDivElement>(null)

  function goTo(offset: number, mark: number | null = highlightAt(marks, offset)) {
    const row = rowOf(offset)
    setTarget(offset)
    setCurrent(mark)
    setTop((now) => (row >= now && row < now + VISIBLE_ROWS ? now : clamp(row - CONTEXT_ROWS)))
    const what = mark === null ? '' : `match ${mark + 1} of ${marks.length}, `
    setAnnounced(`Showing ${what}offset 0x${offset.toString(16)}`)
  }
  // Another file in the same view starts at its own beginning (or initial offset).
  if (fileId !== seenFile) {
    setSeenFile(fileId)
    setTop(clamp(rowOf(start) - CONTEXT_ROWS))
    setTarget(initialOffset === undefined ? null : start)
    setCurrent(highlightAt(marks, start))
  }
  // A match chosen in the detail pane: React's "adjust state when a prop changes".
  if (jumpTo !== undefined && jumpTo.request !== seenJump) {
    setSeenJump(jumpTo.request)
    goTo(jumpTo.offset)
  }

  function step(direction: 1 | -1) {
    if (marks.length === 0) return
    const here = top * BYTES_PER_ROW
    const next =
      current !== null
        ? (current + direction + marks.length) % marks.length
        : direction === 1
          ? Math.max(
              0,
              marks.findIndex((m) => m.offset >= here),
            )
          : marks.length - 1
    const mark = marks[next]
    if (mark !== undefined) goTo(mark.offset, next)
  }

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = {
      ArrowDown: top + 1,
      ArrowUp: top - 1,
      PageDown: top + VISIBLE_ROWS,
      PageUp: top - VISIBLE_ROWS,
      Home: 0,
      End: maxTop,
    }
    const row = moves[event.key]
    if (row === undefined || event.altKey || event.metaKey) return
    event.preventDefault()
    setTop(clamp(row))
  }

  // The wheel listener is not passive, so a wheel over the rows moves them, not the page.
  useEffect(() => {
    const element = viewport.current
    if (element === null) return
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0) return
      event.preventDefault()
      const rows = Math.sign(event.deltaY) * WHEEL_ROWS
      setTop((now) => Math.min(maxTop, Math.max(0, now + rows)))
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => {
      element.removeEventListener('wheel', onWheel)
    }
  }, [maxTop])

  const from = top * BYTES_PER_ROW
  const to = Math.min(sizeBytes, (top + VISIBLE_ROWS) * BYTES_PER_ROW)
  const chunks = useHexChunks(fileId, sizeBytes, from, to)
  const shownRows = Array.from(
    { length: Math.min(VISIBLE_ROWS, rowCount(sizeBytes) - top) },
    (_, i) => top + i,
  )
  const targetRow = target === null ? null : rowOf(target)
  const currentMark = current === null ? undefined : marks[current]

  return (
    <section className="hex-view" aria-label={label}>
      {chunks.error !== null ? (
        <div className="hex-error">
          <ErrorNotice error={chunks.error} title="Could not read this file's bytes" />
          <button type="button" onClick={chunks.retry}>
            Try again
          </button>
        </div>
      ) : (
        <>
          <HexToolbar
            sizeBytes={sizeBytes}
            gutter={gutter}
            onGutter={setGutter}
            onGoTo={(offset) => {
              goTo(offset)
            }}
            matchCount={marks.length}
            onPrevious={() => {
              step(-1)
            }}
            onNext={() => {
              step(1)
            }}
          />
          <div className="hex-frame">
            {/* The rows take focus so the keys move through the file (a focusable scroll area). */}
            {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
            <div
              ref={viewport}
              className="hex-rows mono"
              role="group"
              // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
              tabIndex={0}
              aria-label={`${label}: bytes 0x${from.toString(16)} to 0x${Math.max(from, to - 1).toString(16)}`}
              aria-describedby={`${ids}-keys`}
              onKeyDown={onKeyDown}
            >
              {sizeBytes === 0 ? (
                <p className="muted">The file is empty.</p>
              ) : (
                shownRows.map((row) => (
                  <HexRow
                    key={row}
                    row={row}
                    sizeBytes={sizeBytes}
                    byteAt={chunks.byteAt}
                    highlights={marks}
                    current={current}
                    gutter={gutter}
                    isTarget={row === targetRow}
                  />
                ))
              )}
            </div>
            {maxTop > 0 && (
              <input
                type="range"
                className="hex-scrollbar"
                aria-label="Position in the file (rows)"
                aria-valuetext={`offset 0x${from.toString(16)} of 0x${sizeBytes.toString(16)}`}
                min={0}
                max={maxTop}
                step={1}
                value={top}
                onChange={(event) => {
                  setTop(clamp(Number(event.target.value)))
                }}
              />
            )}
          </div>
          <p id={`${ids}-keys`} className="hint">
            Bytes 0x{from.toString(16)}–0x{Math.max(from, to - 1).toString(16)} of{' '}
            {sizeBytes.toLocaleString('en-US')}. With the rows focused: arrows, Page Up/Down,
            Home/End move.
          </p>
          {marks.length > 0 && (
            <p className="hex-legend">
              <mark className="hex-mark">ab</mark> {marks.length} highlighted{' '}
              {marks.length === 1 ? 'match' : 'matches'}
              {currentMark !== undefined && (
                <>
                  ; current (<mark className="hex-mark hex-current">ab</mark>):{' '}
                  <SafeText value={currentMark.label ?? 'match'} max={200} /> at 0x
                  {currentMark.offset.toString(16)}, {currentMark.length.toLocaleString('en-US')}{' '}
                  bytes
                </>
              )}
            </p>
          )}
        </>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </section>
  )
}
