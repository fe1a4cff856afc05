import { useInvoke } from '../../lib/use-invoke'
import { formatCount } from '../../lib/format'
import { SafeText } from '../../components/SafeText'
import { ErrorNotice } from '../../components/ErrorNotice'

/**
 * The rule packs a new scan will use (`rules:packs`), with version, rule count and signature.
 */
export function RulePackList() {
  const { result } = useInvoke('rules:packs', undefined)
  if (result === undefined) return <p className="muted">Loading rule packs…</p>
  if (!result.ok) return <ErrorNotice error={result.error} title="Could not list rule packs" />
  if (result.value.length === 0) return <p className="empty">No rule packs available.</p>
  return (
    <div className="rule-packs">
      <h4>Available rule packs</h4>
      <ul>
        {result.value.map((pack) => (
          <li key={pack.manifestSha256}>
            <strong>
              <SafeText value={pack.name} max={200} />
            </strong>
            @<SafeText value={pack.version} max={50} /> · {formatCount(pack.ruleCount)} rules ·{' '}
            {pack.origin === 'bundled' ? 'bundled' : 'local'} ·{' '}
            {pack.signed ? 'signed' : 'unsigned'}
          </li>
        ))}
      </ul>
    </div>
  )
}
