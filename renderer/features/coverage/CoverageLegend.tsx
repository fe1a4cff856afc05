import { COVERAGE_REASON_INFO, COVERAGE_REASON_ORDER } from './coverage-reasons'

/**
 * What each coverage reason means, one line each.
 */
export function CoverageLegend() {
  return (
    <section className="legend" aria-labelledby="coverage-legend-title">
      <h3 id="coverage-legend-title">What the reasons mean</h3>
      <dl className="kv">
        {COVERAGE_REASON_ORDER.map((reason) => (
          <div key={reason} className="kv-row">
            <dt>{COVERAGE_REASON_INFO[reason].label}</dt>
            <dd>{COVERAGE_REASON_INFO[reason].explanation}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
