import type { PackView } from '../../../main/core/model/rule-packs'
import { SafeText } from '../../components/SafeText'
import { TlpBadge } from '../../components/TlpBadge'
import { formatCount } from '../../lib/format'
import { PackSignatureBadge } from './PackSignatureBadge'

/** Props of {@link PackList}. */
export interface PackListProps {
  readonly packs: readonly PackView[]
  readonly selected: string | undefined
  readonly onSelect: (name: string) => void
}

/**
 * The installed rule packs: name (the button that opens one), signature status, active version
 * and sequence, rule count, TLP, and how many versions are kept for rollback.
 */
export function PackList({ packs, selected, onSelect }: PackListProps) {
  if (packs.length === 0) {
    return <p className="empty">No rule pack installed yet — import one above.</p>
  }
  return (
    <table className="data-table pack-list">
      <caption className="visually-hidden">Installed rule packs</caption>
      <thead>
        <tr>
          <th scope="col">Pack</th>
          <th scope="col">Signature</th>
          <th scope="col">Active version</th>
          <th scope="col" className="num">
            Sequence
          </th>
          <th scope="col" className="num">
            Rules
          </th>
          <th scope="col">TLP</th>
          <th scope="col" className="num">
            Versions
          </th>
        </tr>
      </thead>
      <tbody>
        {packs.map((pack) => {
          const active = pack.active
          const isSelected = pack.name === selected
          return (
            <tr
              key={pack.name}
              className={isSelected ? 'is-selected' : undefined}
              aria-current={isSelected ? 'true' : undefined}
            >
              <th scope="row">
                <button
                  type="button"
                  className="row-open"
                  onClick={() => {
                    onSelect(pack.name)
                  }}
                >
                  <SafeText value={pack.name} max={80} />
                </button>
              </th>
              <td>
                {active === null ? (
                  <span className="muted">No active version</span>
                ) : (
                  <PackSignatureBadge status={active.signature} signer={active.signer} />
                )}
              </td>
              <td>
                <SafeText value={active?.version} max={64} fallback="none" />
              </td>
              <td className="num">{active?.sequence ?? '—'}</td>
              <td className="num">
                {active?.ruleCount === null || active === null
                  ? '—'
                  : formatCount(active.ruleCount)}
              </td>
              <td>
                {active?.tlp ? <TlpBadge level={active.tlp} /> : <span className="muted">—</span>}
              </td>
              <td className="num">{formatCount(pack.versions.length)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
