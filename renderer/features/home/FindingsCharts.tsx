import type { CaseOverview } from '../../../main/core/model/overview'
import { formatCount } from '../../lib/format'
import { BarChart } from './BarChart'
import type { FindingsFilter } from './findings-filter'

/** Props of {@link FindingsCharts}. */
export interface FindingsChartsProps {
  readonly findings: CaseOverview['findings']
  readonly onOpenFindings: (filter: FindingsFilter) => void
}

/**
 * Findings by score band and the ten rules with most findings, over every scan of the case; a
 * bar (or its table row's button) opens the findings it counts.
 */
export function FindingsCharts({ findings, onOpenFindings }: FindingsChartsProps) {
  const bands = findings.scoreBands.map((band) => ({
    key: `${band.min}-${band.max}`,
    label: `Score ${band.min}–${band.max}`,
    value: band.count,
    filter: { minScore: band.min, maxScore: band.max },
  }))
  const rules = findings.topRules.map((rule) => ({
    key: `${rule.namespace}:${rule.name}`,
    label: rule.name,
    value: rule.count,
    filter: { ruleIds: rule.ruleIds },
  }))
  const open =
    (items: readonly { key: string; filter: FindingsFilter }[]) => (bar: { key: string }) => {
      const item = items.find((i) => i.key === bar.key)
      if (item !== undefined) onOpenFindings(item.filter)
    }
  return (
    <section className="card home-card" aria-labelledby="home-findings-title">
      <h3 id="home-findings-title">Findings</h3>
      <p>
        {formatCount(findings.total)} findings over every scan of the case.{' '}
        <button
          type="button"
          onClick={() => {
            onOpenFindings({})
          }}
        >
          Show all findings
        </button>
      </p>
      <div className="home-charts">
        <BarChart
          title="Findings by score"
          labelHeader="Score"
          valueLabel="Findings"
          bars={bands}
          onActivate={open(bands)}
        />
        {rules.length > 0 && (
          <BarChart
            title="Top rules (all scans)"
            labelHeader="Rule"
            valueLabel="Findings"
            bars={rules}
            onActivate={open(rules)}
          />
        )}
      </div>
    </section>
  )
}
