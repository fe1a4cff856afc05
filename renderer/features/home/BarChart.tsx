import { useId } from 'react'
import { SafeText } from '../../components/SafeText'
import { formatCount } from '../../lib/format'
import { attributeText, escapeText, truncateText } from '../../lib/text'

/** One bar of a {@link BarChart}. */
export interface Bar {
  readonly key: string
  /** What the bar stands for, as text (a score band, a rule name). */
  readonly label: string
  readonly value: number
}

/** Props of {@link BarChart}. */
export interface BarChartProps {
  readonly title: string
  /** What the figures count, for the table's header and the chart's summary ("Findings"). */
  readonly valueLabel: string
  /** The header of the label column ("Score", "Rule"). */
  readonly labelHeader: string
  readonly bars: readonly Bar[]
  /** Open what a bar stands for; named "Show findings for …" in the table. */
  readonly onActivate: (bar: Bar) => void
}

const ROW_HEIGHT = 22
const LABEL_WIDTH = 200
const CHART_WIDTH = 520
const VALUE_WIDTH = 60

/**
 * A horizontal bar chart with its table: the SVG is one image with a summary for screen readers
 * (bars are clickable with the mouse); the table below has the same figures, and a button per
 * row that does what clicking the bar does — the keyboard path.
 *
 * Labels are SVG text nodes and table text: never markup.
 */
export function BarChart({ title, valueLabel, labelHeader, bars, onActivate }: BarChartProps) {
  const titleId = useId()
  const max = Math.max(1, ...bars.map((b) => b.value))
  const barSpace = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
  const height = bars.length * ROW_HEIGHT + 4
  // Labels may come from rule packs: hidden characters escaped, lengths bounded.
  const summary = `${title}: ${bars.map((b) => `${attributeText(b.label, 80)} ${formatCount(b.value)}`).join(', ')}`
  return (
    <figure className="bar-chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>{title}</figcaption>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        width={CHART_WIDTH}
        height={height}
      >
        {bars.map((bar, i) => {
          const y = i * ROW_HEIGHT + 2
          const width = bar.value === 0 ? 0 : Math.max(2, (bar.value / max) * barSpace)
          return (
            <g
              key={bar.key}
              className="bar"
              onClick={() => {
                onActivate(bar)
              }}
            >
              <text x={LABEL_WIDTH - 6} y={y + 15} textAnchor="end" className="bar-label">
                {clip(bar.label)}
              </text>
              <rect x={LABEL_WIDTH} y={y + 3} width={width} height={ROW_HEIGHT - 6} />
              <text x={LABEL_WIDTH + width + 4} y={y + 15} className="bar-value">
                {formatCount(bar.value)}
              </text>
            </g>
          )
        })}
      </svg>
      <table className="data-table chart-table">
        <caption className="visually-hidden">{title} (table)</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col" className="num">
              {valueLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.key}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Show findings for ${attributeText(bar.label, 200)}`}
                  onClick={() => {
                    onActivate(bar)
                  }}
                >
                  <SafeText value={bar.label} max={200} />
                </button>
              </th>
              <td className="num">{formatCount(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

// Long rule names are cut in the picture only; the table beside it has them whole.
function clip(label: string): string {
  const { text, omitted } = truncateText(label, 28)
  return `${escapeText(text)}${omitted > 0 ? '…' : ''}`
}
