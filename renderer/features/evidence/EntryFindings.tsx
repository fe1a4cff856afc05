import type { BrowseEntry } from '../../../main/core/model/evidence'
import { useInvoke } from '../../lib/use-invoke'
import { formatCount } from '../../lib/format'
import { attributeText } from '../../lib/text'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { triageLabel } from '../findings/triage-labels'

/** Most findings of one file listed here (the rest are in the Findings section). */
export const ENTRY_FINDINGS_LIMIT = 200

/** Props of {@link EntryFindings}. */
export interface EntryFindingsProps {
  readonly entry: BrowseEntry
  /** Open a finding in the Findings section; absent: the findings are listed only. */
  readonly onOpenFinding?: ((findingId: number) => void) | undefined
}

/**
 * The findings of the selected file, of every scan, most severe first (`findings:list` with
 * `fileId`); each opens in the Findings section with its detail.
 */
export function EntryFindings({ entry, onOpenFinding }: EntryFindingsProps) {
  const list = useInvoke('findings:list', {
    fileId: entry.fileId,
    allScans: true,
    sort: 'score',
    direction: 'desc',
    limit: ENTRY_FINDINGS_LIMIT,
  })
  if (list.result === undefined) return <p className="muted">Loading the findings of this file…</p>
  if (!list.result.ok) {
    return (
      <ErrorNotice error={list.result.error} title="Could not list the findings of this file" />
    )
  }
  const { rows, total } = list.result.value
  if (rows.length === 0) {
    return <p className="empty">No findings in this file. Use “Scan with…” to scan it now.</p>
  }
  return (
    <>
      <ul className="entry-findings" aria-label="Findings of this file">
        {rows.map((row) => {
          const text = (
            <>
              <SafeText value={row.ruleName} max={200} /> · score {row.score} ·{' '}
              {triageLabel(row.triageStatus)} · <SafeText value={row.packName} max={100} />@
              <SafeText value={row.packVersion} max={64} /> · scan #{row.scanId}
            </>
          )
          return (
            <li key={row.id}>
              {onOpenFinding === undefined ? (
                text
              ) : (
                <button
                  type="button"
                  className="entry-finding-open"
                  aria-label={`Open finding ${row.id}: ${attributeText(row.ruleName)}, score ${row.score}`}
                  onClick={() => {
                    onOpenFinding(row.id)
                  }}
                >
                  {text}
                </button>
              )}
            </li>
          )
        })}
      </ul>
      {total > rows.length && (
        <p className="hint">
          {formatCount(total)} findings in all; the {formatCount(rows.length)} most severe are
          listed: see the rest in Findings.
        </p>
      )}
    </>
  )
}
