import type { AuditVerification } from '../../../main/core/model/audit'
import { formatCount } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'

/** Props of {@link AuditVerificationView}. */
export interface AuditVerificationViewProps {
  readonly value: AuditVerification
}

/**
 * The outcome of `audit:verify`: intact or broken, entries, head, first broken entry.
 */
export function AuditVerificationView({ value }: AuditVerificationViewProps) {
  return (
    <div className={value.ok ? 'notice notice-ok' : 'notice notice-error'}>
      <strong>{value.ok ? 'Audit log intact' : 'Audit log broken'}</strong>
      <DetailList
        items={[
          ['Entries', formatCount(value.entries)],
          [
            'Head',
            value.head === null ? (
              '—'
            ) : (
              <span key="v">
                #{value.head.seq} <code className="hash">{value.head.hash}</code>
              </span>
            ),
          ],
          [
            'First broken entry',
            value.firstBroken === null ? (
              'None'
            ) : (
              <span key="v">
                #{value.firstBroken.seq}: <SafeText value={value.firstBroken.reason} max={1000} />
              </span>
            ),
          ],
        ]}
      />
    </div>
  )
}
