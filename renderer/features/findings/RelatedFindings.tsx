import type { ReactNode } from 'react'

import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { formatCount } from '../../lib/format'
import { useInvoke } from '../../lib/use-invoke'
import { FindingPlace } from './FindingPlace'
import { triageLabel } from './triage-labels'

/** Props of {@link RelatedFindings}. */
export interface RelatedFindingsProps {
  readonly findingId: number
  /** Open another finding in the detail (each entry is a button when given). */
  readonly onOpenFinding?: ((findingId: number) => void) | undefined
  /** Bumped to read the lists again (after a triage change). */
  readonly refresh?: number
}

/**
 * What relates to a finding (`findings:related`): the same content (SHA-256) elsewhere in the
 * case, and the other findings of the same file.
 */
export function RelatedFindings({ findingId, onOpenFinding, refresh = 0 }: RelatedFindingsProps) {
  const { result } = useInvoke('findings:related', { findingId }, refresh)
  if (result === undefined) return <p className="muted">Loading related findings…</p>
  if (!result.ok)
    return <ErrorNotice error={result.error} title="Could not list related findings" />
  const { sameHash, sameFile } = result.value
  return (
    <>
      <h5>Same SHA-256 elsewhere ({formatCount(sameHash.total)})</h5>
      {sameHash.items.length === 0 ? (
        <p className="muted">No other file in the case has this content.</p>
      ) : (
        <ul className="related-list">
          {sameHash.items.map((file) => (
            <li key={file.fileId}>
              <Entry findingId={file.firstFindingId} onOpen={onOpenFinding}>
                <FindingPlace row={file} />
              </Entry>{' '}
              <span className="muted">
                {file.findingCount === 0
                  ? 'no findings'
                  : `${formatCount(file.findingCount)} finding${file.findingCount === 1 ? '' : 's'}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <More shown={sameHash.items.length} total={sameHash.total} />
      <h5>Other findings in this file ({formatCount(sameFile.total)})</h5>
      {sameFile.items.length === 0 ? (
        <p className="muted">No other rule matched this file.</p>
      ) : (
        <ul className="related-list">
          {sameFile.items.map((finding) => (
            <li key={finding.id}>
              <Entry findingId={finding.id} onOpen={onOpenFinding}>
                <SafeText value={finding.ruleName} max={200} />
              </Entry>{' '}
              <span className="muted">
                score {finding.score} · {triageLabel(finding.triageStatus)} ·{' '}
                {formatCount(finding.matchCount)} matches · <SafeText value={finding.packName} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <More shown={sameFile.items.length} total={sameFile.total} />
    </>
  )
}

function Entry(props: {
  findingId: number | null
  onOpen: ((findingId: number) => void) | undefined
  children: ReactNode
}) {
  const { findingId, onOpen, children } = props
  if (findingId === null || onOpen === undefined) return <span>{children}</span>
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        onOpen(findingId)
      }}
    >
      {children}
    </button>
  )
}

function More({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null
  return <p className="hint">{formatCount(total - shown)} more not listed.</p>
}
