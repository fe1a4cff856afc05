import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ScanHistoryRow } from './ScanHistoryRow'

/** Props of {@link ScanHistory}. */
export interface ScanHistoryProps {
  /** Changes when a scan starts or finishes. */
  readonly revision: unknown
}

/**
 * The case's scans (`scan:list`): status, rule packs, counts and the limits each ran with.
 */
export function ScanHistory({ revision }: ScanHistoryProps) {
  const { result } = useInvoke('scan:list', undefined, revision)
  if (result === undefined) return <p className="muted">Loading scans…</p>
  if (!result.ok) return <ErrorNotice error={result.error} title="Could not list scans" />
  if (result.value.length === 0) return <p className="empty">No scans yet.</p>
  return (
    <table className="data-table">
      <caption className="visually-hidden">Scans</caption>
      <thead>
        <tr>
          <th scope="col">Scan</th>
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col">Finished</th>
          <th scope="col">Rule packs</th>
          <th scope="col" className="num">
            Files
          </th>
          <th scope="col" className="num">
            Data
          </th>
          <th scope="col" className="num">
            Findings
          </th>
          <th scope="col" className="num">
            Not fully scanned
          </th>
          <th scope="col">Limits</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {result.value.map((scan) => (
          <ScanHistoryRow key={scan.id} scan={scan} />
        ))}
      </tbody>
    </table>
  )
}
