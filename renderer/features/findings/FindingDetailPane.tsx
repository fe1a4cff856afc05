import { useState } from 'react'
import { useInvoke } from '../../lib/use-invoke'
import { formatCount } from '../../lib/format'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import type { TlpLevel } from '../../../main/core/model/tlp'
import { FileDetails } from './FileDetails'
import { FindingSharing } from './FindingSharing'
import { MatchDetails } from './MatchDetails'
import { RuleDetails } from './RuleDetails'
import { triageLabel } from './triage-labels'
import { FindingSuppress } from '../rule-states/FindingSuppress'
import { RuleLifecycleBadges } from '../rule-states/RuleLifecycleBadges'

/** Props of {@link FindingDetailPane}. */
export interface FindingDetailPaneProps {
  readonly findingId: number
  readonly onClose: () => void
  /** The case's default TLP, named in the finding's TLP choice (null: not known here). */
  readonly defaultTlp?: TlpLevel | null
}

/**
 * The detail of one finding (`findings:get`): sharing (TLP and notes), rule, file and every
 * match.
 */
export function FindingDetailPane({
  findingId,
  onClose,
  defaultTlp = null,
}: FindingDetailPaneProps) {
  // Bumped when a suppression is made, so the triage status shown is read again.
  const [version, setVersion] = useState(0)
  const { result } = useInvoke('findings:get', { findingId }, version)
  return (
    <section className="detail-pane" aria-label="Finding detail">
      <header className="detail-header">
        <h3>
          Finding #{findingId}
          {result?.ok === true && (
            <>
              : <SafeText value={result.value.rule.name} max={200} />
            </>
          )}
        </h3>
        <button type="button" onClick={onClose}>
          Close detail
        </button>
      </header>
      {result === undefined && <p className="muted">Loading finding…</p>}
      {result?.ok === false && (
        <ErrorNotice error={result.error} title="Could not load the finding" />
      )}
      {result?.ok === true && (
        <>
          <p className="detail-summary">
            Score {result.value.finding.score} · {triageLabel(result.value.finding.triageStatus)} ·
            scan #{result.value.finding.scanId} <RuleLifecycleBadges row={result.value.finding} />
          </p>
          <FindingSuppress
            key={findingId}
            findingId={findingId}
            suppression={result.value.finding.suppression}
            hasSha256={result.value.file.sha256 !== null}
            onSuppressed={() => {
              setVersion((n) => n + 1)
            }}
          />
          <FindingSharing
            findingId={findingId}
            tlp={result.value.finding.tlp}
            caseDefault={defaultTlp}
          />
          <RuleDetails rule={result.value.rule} />
          <FileDetails file={result.value.file} finding={result.value.finding} />
          <section className="detail-section" aria-labelledby="finding-matches-title">
            <h4 id="finding-matches-title">
              Matches ({formatCount(result.value.matches.length + result.value.moreMatches)})
            </h4>
            <ol className="match-list">
              {result.value.matches.map((match, i) => (
                <MatchDetails key={i} match={match} position={i + 1} />
              ))}
            </ol>
            {result.value.moreMatches > 0 && (
              <p className="hint">
                {formatCount(result.value.moreMatches)} more matches are stored but not listed.
              </p>
            )}
          </section>
        </>
      )}
    </section>
  )
}
