import type { AuditListEntry } from '../../../main/core/model/audit'
import { SafeText } from '../../components/SafeText'

/** Props of {@link AuditDetails}. */
export interface AuditDetailsProps {
  readonly entry: AuditListEntry
}

/**
 * An entry's details as a definition list of text: each value as written (nested values as
 * their JSON), then the chain link. Nothing in the log is ever rendered as markup.
 */
export function AuditDetails({ entry }: AuditDetailsProps) {
  const details = Object.entries(entry.details)
  return (
    <dl className="kv audit-details">
      {details.length === 0 && (
        <div className="kv-row">
          <dt>Details</dt>
          <dd className="muted">None</dd>
        </div>
      )}
      {details.map(([key, value]) => (
        <div key={key} className="kv-row">
          <dt>
            <SafeText value={key} max={200} />
          </dt>
          <dd>
            <SafeText value={asText(value)} max={2000} fallback="(empty)" />
          </dd>
        </div>
      ))}
      <div className="kv-row">
        <dt>Hash</dt>
        <dd>
          <code className="hash">{entry.hash}</code>
        </dd>
      </div>
      <div className="kv-row">
        <dt>Previous hash</dt>
        <dd>
          <code className="hash">{entry.prevHash}</code>
        </dd>
      </div>
    </dl>
  )
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null) return 'null'
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}
