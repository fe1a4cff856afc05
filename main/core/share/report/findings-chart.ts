import type { ExportModel } from '../export-model'
import type { SafeHtml } from './html-escape'
import { html } from './html-escape'
import { formatCount, SCORE_BANDS, scoreBand } from './report-format'

/** One bar of a chart: its label, count and CSS class. */
interface Bar {
  readonly label: string
  readonly count: number
  readonly className: string
}

/** Charts show at most this many rules; the table beside them lists all. */
const MAX_CHART_BARS = 20
const LABEL_WIDTH = 250
const BAR_WIDTH = 230
const ROW_HEIGHT = 22
const MAX_LABEL_CHARS = 32

function shortLabel(label: string): string {
  const chars = Array.from(label)
  return chars.length <= MAX_LABEL_CHARS
    ? label
    : `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…`
}

function barChart(id: string, title: string, desc: string, bars: readonly Bar[]): SafeHtml {
  const max = Math.max(1, ...bars.map((bar) => bar.count))
  const height = Math.max(1, bars.length) * ROW_HEIGHT + 8
  const width = LABEL_WIDTH + BAR_WIDTH + 70
  const rows = bars.map((bar, i) => {
    const y = 4 + i * ROW_HEIGHT
    const w = Math.max(1, Math.round((bar.count / max) * BAR_WIDTH))
    return html`<text x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end"
        >${shortLabel(bar.label)}</text
      ><rect
        class="${bar.className}"
        x="${LABEL_WIDTH}"
        y="${y + 3}"
        width="${w}"
        height="${ROW_HEIGHT - 6}"
      ></rect
      ><text x="${LABEL_WIDTH + w + 6}" y="${y + 15}">${formatCount(bar.count)}</text>`
  })
  return html`<svg
    class="chart"
    role="img"
    aria-labelledby="${id}-title ${id}-desc"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
  >
    <title id="${id}-title">${title}</title>
    <desc id="${id}-desc">${desc}</desc>
    ${rows}
  </svg>`
}

function dataTable(caption: string, head: string, bars: readonly Bar[]): SafeHtml {
  const rows = bars.map(
    (bar) =>
      html`<tr>
        <td>${bar.label}</td>
        <td class="num">${formatCount(bar.count)}</td>
      </tr>`,
  )
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${head}</th>
        <th scope="col" class="num">Findings</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

/**
 * Findings per rule, most first (ties by rule key), from the model's findings.
 *
 * Rules with no exported finding are left out.
 */
export function findingsByRule(model: ExportModel): readonly Bar[] {
  const counts = new Map<string, number>()
  for (const finding of model.findings) {
    counts.set(finding.ruleKey, (counts.get(finding.ruleKey) ?? 0) + 1)
  }
  const keys = [...counts.keys()].sort((a, b) => {
    const diff = (counts.get(b) ?? 0) - (counts.get(a) ?? 0)
    return diff !== 0 ? diff : a < b ? -1 : a > b ? 1 : 0
  })
  // The rule name alone reads best; the namespace only where two packs share a rule name.
  const byName = new Map<string, number>()
  for (const rule of model.rules) byName.set(rule.name, (byName.get(rule.name) ?? 0) + 1)
  const nameOf = new Map(model.rules.map((rule) => [rule.key, rule.name]))
  const label = (key: string): string => {
    const name = nameOf.get(key)
    return name !== undefined && byName.get(name) === 1 ? name : key
  }
  return keys.map((key) => ({ label: label(key), count: counts.get(key) ?? 0, className: 'bar' }))
}

/**
 * Findings per score band (critical, high, medium, low), every band listed even when empty.
 *
 * Bands are those of {@link SCORE_BANDS}.
 */
export function findingsByBand(model: ExportModel): readonly Bar[] {
  const counts = new Map<string, number>()
  for (const finding of model.findings) {
    const band = scoreBand(finding.score)
    counts.set(band, (counts.get(band) ?? 0) + 1)
  }
  return SCORE_BANDS.map((band) => ({
    label: band.label,
    count: counts.get(band.id) ?? 0,
    className: `band-${band.id}`,
  }))
}

/**
 * The findings chart section: two inline SVG bar charts, each with a data table beside it.
 *
 * The SVGs carry a `<title>` and `<desc>`; the tables are the accessible (and printable) truth.
 * At most {@link MAX_CHART_BARS} rules are drawn; the table lists every rule.
 */
export function findingsChartSection(model: ExportModel): SafeHtml {
  const byRule = findingsByRule(model)
  const byBand = findingsByBand(model)
  const drawn = byRule.slice(0, MAX_CHART_BARS)
  const more = byRule.length - drawn.length
  const ruleDesc = `Bar chart of ${formatCount(model.findings.length)} findings over ${formatCount(byRule.length)} rules${more > 0 ? `; the ${formatCount(drawn.length)} rules with most findings are drawn` : ''}. The table next to it lists the same numbers.`
  return html`<section class="report-section" id="chart" aria-labelledby="chart-h">
    <h2 id="chart-h">Findings at a glance</h2>
    <div class="charts">
      <div class="chart-block">
        <figure>
          ${barChart('chart-rules', 'Findings by rule', ruleDesc, drawn)}${more > 0 ? html`<figcaption>${formatCount(more)} more rule(s) in the table.</figcaption>` : null}
        </figure>
        ${dataTable('Findings by rule', 'Rule (namespace:name)', byRule)}
      </div>
      <div class="chart-block">
        <figure>
          ${barChart('chart-bands', 'Findings by score band', 'Bar chart of findings per rule score band: critical 80 and above, high 60 to 79, medium 40 to 59, low below 40.', byBand)}
        </figure>
        ${dataTable('Findings by score band', 'Score band', byBand)}
      </div>
    </div>
  </section>`
}
