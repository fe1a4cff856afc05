import { useRef, useState } from 'react'
import type { FindingDetail, MatchView } from '../../../main/core/model/findings'
import { formatCount } from '../../lib/format'
import { DetailFold } from './DetailFold'
import { FileDetails } from './FileDetails'
import { FindingContent } from './FindingContent'
import { MatchDetails } from './MatchDetails'
import { RelatedFindings } from './RelatedFindings'
import { RuleDetails } from './RuleDetails'

/** Props of {@link FindingDetailBody}. */
export interface FindingDetailBodyProps {
  readonly detail: FindingDetail
  readonly onOpenFinding?: ((findingId: number) => void) | undefined
  /** Bumped when the finding changed (triage), so the related lists are read again. */
  readonly version: number
}

/**
 * The parts of the finding detail below its header, each foldable: the file's bytes (hex view),
 * the matches (each one shows itself in the hex view), the rule with its source, the file, and
 * what relates to the finding.
 */
export function FindingDetailBody({ detail, onOpenFinding, version }: FindingDetailBodyProps) {
  const [jumpTo, setJumpTo] = useState<{ offset: number; request: number }>()
  const content = useRef<HTMLDivElement>(null)
  const total = detail.matches.length + detail.moreMatches
  const identifiers = [...new Set(detail.matches.map((m) => m.identifier))]

  function show(match: MatchView) {
    setJumpTo((now) => ({ offset: match.offset, request: (now?.request ?? 0) + 1 }))
    // Bring the hex view into sight (jsdom, in tests, has no scrollIntoView).
    const element: Partial<HTMLElement> | null = content.current
    element?.scrollIntoView?.({ block: 'nearest' })
  }

  return (
    <>
      <div ref={content}>
        <DetailFold title="Content (hex)">
          <FindingContent detail={detail} jumpTo={jumpTo} />
        </DetailFold>
      </div>
      <DetailFold title={`Matches (${formatCount(total)})`}>
        <ol className="match-list">
          {detail.matches.map((match, i) => (
            <MatchDetails key={i} match={match} position={i + 1} onShow={show} />
          ))}
        </ol>
        {detail.moreMatches > 0 && (
          <p className="hint">
            {formatCount(detail.moreMatches)} more matches are stored but not listed.
          </p>
        )}
      </DetailFold>
      <RuleDetails rule={detail.rule} matchedIdentifiers={identifiers} />
      <FileDetails file={detail.file} finding={detail.finding} />
      <DetailFold title="Related">
        <RelatedFindings
          findingId={detail.finding.id}
          onOpenFinding={onOpenFinding}
          refresh={version}
        />
      </DetailFold>
    </>
  )
}
