import { useState } from 'react'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import type { TlpLevel } from '../../../main/core/model/tlp'
import { FindingDetailBody } from './FindingDetailBody'
import { FindingSharing } from './FindingSharing'
import { triageLabel } from './triage-labels'
import { FindingSuppress } from '../rule-states/FindingSuppress'
import { RuleLifecycleBadges } from '../rule-states/RuleLifecycleBadges'
import { FindingTriage } from '../triage/FindingTriage'

/** Props of {@link FindingDetailPane}. */
export interface FindingDetailPaneProps {
  readonly findingId: number
  readonly onClose: () => void
  /** The case's default TLP, named in the finding's TLP choice (null: not known here). */
  readonly defaultTlp?: TlpLevel | null
  /** Open another finding (from the related lists); without it they are plain text. */
  readonly onOpenFinding?: (findingId: number) => void
  /** Called after the finding changed here (triage, tags), so a table can read it again. */
  readonly onChanged?: () => void
  /** Show this finding's file on the timeline; without it the button is not offered. */
  readonly onShowOnTimeline?: ((fileId: number) => void) | undefined
}

/**
 * The detail of one finding (`findings:get`): triage, sharing (TLP and notes), the file's bytes
 * with the matches marked, every match, the rule and its source, the file, and what relates.
 */
export function FindingDetailPane({
  findingId,
  onClose,
  defaultTlp = null,
  onOpenFinding,
  onChanged,
  onShowOnTimeline,
}: FindingDetailPaneProps) {
  // Bumped when the finding changes here, so what is shown is read again.
  const [version, setVersion] = useState(0)
  const { result } = useInvoke('findings:get', { findingId }, version)
  const changed = () => {
    setVersion((n) => n + 1)
    onChanged?.()
  }
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
        <div className="detail-header-actions">
          {onShowOnTimeline !== undefined && result?.ok === true && (
            <button
              type="button"
              onClick={() => {
                onShowOnTimeline(result.value.file.id)
              }}
            >
              Show on timeline
            </button>
          )}
          <button type="button" onClick={onClose}>
            Close detail
          </button>
        </div>
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
          <FindingTriage finding={result.value.finding} onChanged={changed} />
          <FindingSuppress
            key={findingId}
            findingId={findingId}
            suppression={result.value.finding.suppression}
            hasSha256={result.value.file.sha256 !== null}
            onSuppressed={changed}
          />
          <FindingSharing
            findingId={findingId}
            tlp={result.value.finding.tlp}
            caseDefault={defaultTlp}
          />
          <FindingDetailBody
            key={result.value.finding.id}
            detail={result.value}
            onOpenFinding={onOpenFinding}
            version={version}
          />
        </>
      )}
    </section>
  )
}
