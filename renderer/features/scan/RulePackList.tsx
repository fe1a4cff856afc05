import { useInvoke } from '../../lib/use-invoke'
import { formatCount } from '../../lib/format'
import { SafeText } from '../../components/SafeText'
import { ErrorNotice } from '../../components/ErrorNotice'
import { packSignatureLabel } from '../rules/rules-labels'

/**
 * The rule packs a new scan will use: the active version of every installed pack
 * (`rules:store`, the same listing as the Rules section), with version, rule count and signature.
 */
export function RulePackList() {
  const { result } = useInvoke('rules:store', undefined)
  if (result === undefined) return <p className="muted">Loading rule packs…</p>
  if (!result.ok) return <ErrorNotice error={result.error} title="Could not list rule packs" />
  const active = result.value.flatMap((pack) =>
    pack.active === null ? [] : [{ name: pack.name, version: pack.active }],
  )
  if (active.length === 0) {
    return <p className="empty">No rule pack is active: activate one under Rules.</p>
  }
  return (
    <div className="rule-packs">
      <h4>Rule packs this scan uses</h4>
      <ul>
        {active.map(({ name, version }) => (
          <li key={name}>
            <strong>
              <SafeText value={name} max={200} />
            </strong>
            @<SafeText value={version.version} max={64} /> ·{' '}
            {version.ruleCount === null ? '—' : formatCount(version.ruleCount)} rules ·{' '}
            {packSignatureLabel(version.signature, version.signer?.org ?? null)}
          </li>
        ))}
      </ul>
    </div>
  )
}
