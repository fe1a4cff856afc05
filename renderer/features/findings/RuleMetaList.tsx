import type { FindingDetail } from '../../../main/core/model/findings'
import { SafeText } from '../../components/SafeText'

/** Props of {@link RuleMetaList}. */
export interface RuleMetaListProps {
  readonly meta: FindingDetail['rule']['meta']
}

/**
 * A rule's meta as a nested description list; keys and values are hostile text.
 */
export function RuleMetaList({ meta }: RuleMetaListProps) {
  const entries = Object.entries(meta)
  if (entries.length === 0) return <span className="muted">—</span>
  return (
    <dl className="meta">
      {entries.map(([key, value]) => (
        <div key={key} className="kv-row">
          <dt>
            <SafeText value={key} max={200} />
          </dt>
          <dd>
            <SafeText value={String(value)} max={2000} />
          </dd>
        </div>
      ))}
    </dl>
  )
}
