import type { CoverageEntry } from '../../../main/core/model/coverage'
import { SafeText } from '../../components/SafeText'
import { coverageReasonLabel } from './coverage-reasons'

/** Props of {@link CoverageTable}. */
export interface CoverageTableProps {
  readonly rows: readonly CoverageEntry[]
  readonly isBusy: boolean
}

/**
 * Files a scan did not scan fully: scan, evidence, path, reason and detail.
 */
export function CoverageTable({ rows, isBusy }: CoverageTableProps) {
  return (
    <table className="data-table" aria-busy={isBusy}>
      <caption className="visually-hidden">Coverage</caption>
      <thead>
        <tr>
          <th scope="col">Path</th>
          <th scope="col">Reason</th>
          <th scope="col">Detail</th>
          <th scope="col">Evidence</th>
          <th scope="col">Scan</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row" className="mono path">
              <SafeText value={row.path} max={600} />
            </th>
            <td>{coverageReasonLabel(row.reason)}</td>
            <td>
              <SafeText value={row.detail} max={500} />
            </td>
            <td>
              <SafeText value={row.evidenceLabel} max={200} />
            </td>
            <td>#{row.scanId}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
