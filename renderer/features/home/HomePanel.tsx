import { ErrorNotice } from '../../components/ErrorNotice'
import { useInvoke } from '../../lib/use-invoke'
import type { Section } from '../workbench/sections'
import { EvidenceCard } from './EvidenceCard'
import { FindingsCharts } from './FindingsCharts'
import type { FindingsFilter } from './findings-filter'
import { NextSteps } from './NextSteps'
import { ScansCard } from './ScansCard'
import { TriageCard } from './TriageCard'

/** Props of {@link HomePanel}. */
export interface HomePanelProps {
  /** Bumped when a scan ends: the overview is read again. */
  readonly revision: number
  readonly onGoTo: (section: Section) => void
  /** Open the Findings section with these filters (a chart bar, a rule, a triage status). */
  readonly onOpenFindings: (filter: FindingsFilter) => void
}

/**
 * The Case home (`case:overview`): evidence and its integrity, scans, findings by score and by
 * rule, triage progress — or the next steps in a case with nothing scanned yet.
 */
export function HomePanel({ revision, onGoTo, onOpenFindings }: HomePanelProps) {
  const { result } = useInvoke('case:overview', undefined, revision)
  return (
    <section className="panel home" aria-labelledby="home-title">
      <h2 id="home-title">Case home</h2>
      {result === undefined && (
        <p className="muted" role="status">
          Loading the case overview…
        </p>
      )}
      {result?.ok === false && (
        <ErrorNotice error={result.error} title="Could not read the case overview" />
      )}
      {result?.ok === true && (
        <div className="home-grid">
          {result.value.scans.length === 0 && (
            <NextSteps hasEvidence={result.value.evidence.length > 0} onGoTo={onGoTo} />
          )}
          {result.value.evidence.length > 0 && <EvidenceCard evidence={result.value.evidence} />}
          {result.value.scans.length > 0 && (
            <>
              <ScansCard scans={result.value.scans} />
              <FindingsCharts findings={result.value.findings} onOpenFindings={onOpenFindings} />
              {result.value.findings.total > 0 && (
                <TriageCard counts={result.value.findings.triage} onOpenFindings={onOpenFindings} />
              )}
            </>
          )}
        </div>
      )}
    </section>
  )
}
