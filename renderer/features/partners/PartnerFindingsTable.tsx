import type { PartnerFindingRow } from '../../../main/core/model/sharing'
import { formatCount, shortHash } from '../../lib/format'
import { attributeText, escapeText } from '../../lib/text'
import { Badge } from '../../components/Badge'
import { SafeText } from '../../components/SafeText'

/** Props of {@link PartnerFindingsTable}. */
export interface PartnerFindingsTableProps {
  readonly rows: readonly PartnerFindingRow[]
  /** Who sent them, for the table's name ("… as sent by <org>"). */
  readonly producerOrg: string
  readonly isBusy: boolean
}

/**
 * A partner's findings, read-only: score, rule (pack@version), evidence, place and path,
 * shortened SHA-256, and "Also in this case" when the same file is in this case's evidence.
 * Every value came from outside and is shown as escaped text.
 */
export function PartnerFindingsTable({ rows, producerOrg, isBusy }: PartnerFindingsTableProps) {
  if (rows.length === 0) return <p className="empty">This bundle holds no findings.</p>
  return (
    <table className="data-table partner-findings" aria-busy={isBusy}>
      <caption>Their findings (read-only, as sent by {attributeText(producerOrg, 100)})</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            Score
          </th>
          <th scope="col">Rule</th>
          <th scope="col">Evidence</th>
          <th scope="col">Place</th>
          <th scope="col">SHA-256</th>
          <th scope="col" className="num">
            Matches
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.seenHere ? 'seen-here' : undefined}>
            <td className="num">{row.score}</td>
            <th scope="row">
              <SafeText value={row.ruleName} max={200} />
              <small className="muted">
                {' '}
                <SafeText value={row.packName} max={100} />@
                <SafeText value={row.packVersion} max={50} />
              </small>
            </th>
            <td>
              <SafeText value={row.evidenceLabel} max={200} />
            </td>
            <td className="mono path">
              {row.location !== null && row.location !== '' && (
                <small className="muted">
                  <SafeText value={row.location} max={300} /> ›{' '}
                </small>
              )}
              <SafeText value={row.path} max={500} />
            </td>
            <td className="mono">
              {row.sha256 === null ? (
                '—'
              ) : (
                <span title={escapeText(row.sha256)}>{shortHash(escapeText(row.sha256))}</span>
              )}
              {row.seenHere && <Badge tone="danger">Also in this case</Badge>}
            </td>
            <td className="num">{formatCount(row.matchCount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
