import type { HexGutter, HexHighlight, HexRun } from './hex-rows'
import { asciiCells, BYTES_PER_ROW, hexCells, offsetLabel, runsOf, utf16Cells } from './hex-rows'

/** Props of {@link HexRow}. */
export interface HexRowProps {
  readonly row: number
  readonly sizeBytes: number
  readonly byteAt: (offset: number) => number | undefined
  readonly highlights: readonly HexHighlight[]
  /** Index of the highlight last gone to (drawn stronger), or null. */
  readonly current: number | null
  readonly gutter: HexGutter
  /** True for the row of the offset last gone to. */
  readonly isTarget: boolean
}

/**
 * One line of the hex view as plain text: offset, 16 bytes in hex, and the gutter. Highlighted
 * bytes are `<mark>`s in both the hex and the gutter.
 */
export function HexRow({
  row,
  sizeBytes,
  byteAt,
  highlights,
  current,
  gutter,
  isTarget,
}: HexRowProps) {
  const start = row * BYTES_PER_ROW
  const count = Math.max(0, Math.min(BYTES_PER_ROW, sizeBytes - start))
  const bytes = Array.from({ length: count }, (_, i) => byteAt(start + i))
  const hex = runsOf(hexCells(bytes), start, 1, highlights, ' ')
  const text =
    gutter === 'ascii'
      ? runsOf(asciiCells(bytes), start, 1, highlights, '')
      : runsOf(utf16Cells(bytes), start, 2, highlights, '')
  return (
    <div className={isTarget ? 'hex-row hex-target' : 'hex-row'}>
      <span className="hex-offset">{offsetLabel(start)}</span>{' '}
      <span className="hex-bytes">
        <Runs runs={hex} current={current} />
        {/* The last row is padded, so its gutter lines up with the others. */}
        {' '.repeat((BYTES_PER_ROW - count) * 3)}
      </span>{' '}
      <span className={`hex-gutter hex-gutter-${gutter}`}>
        <Runs runs={text} current={current} />
      </span>
    </div>
  )
}

function Runs({ runs, current }: { runs: readonly HexRun[]; current: number | null }) {
  return (
    <>
      {runs.map((run, i) =>
        run.highlight === null ? (
          run.text
        ) : (
          <mark
            key={i}
            className={run.highlight === current ? 'hex-mark hex-current' : 'hex-mark'}
            data-highlight={run.highlight}
          >
            {run.text}
          </mark>
        ),
      )}
    </>
  )
}
