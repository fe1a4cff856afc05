import { attributeText } from '../../lib/text'
import { useId } from 'react'
import type { ReactNode } from 'react'
import type { PackRuleView } from '../../../main/core/model/rule-packs'
import { Badge } from '../../components/Badge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { useInvoke } from '../../lib/use-invoke'
import { ScrollRegion } from '../../components/ScrollRegion'

/** Props of {@link PackRulesTable}. */
export interface PackRulesTableProps {
  readonly packName: string
  /** Changes when another version becomes active: the rules are read again. */
  readonly revision: string
  /** The per-case state control of one rule (active / testing / disabled in this case). */
  readonly renderState?: (rule: PackRuleView) => ReactNode
}

/** The rules of a pack's active version: name, id, score, status, tags (and their case state). */
export function PackRulesTable({ packName, revision, renderState }: PackRulesTableProps) {
  const titleId = useId()
  const { result } = useInvoke('rules:rules', { name: packName }, revision)
  return (
    <section className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>Rules of the active version</h3>
      {result === undefined && <p className="muted">Loading rules…</p>}
      {result?.ok === false && (
        <ErrorNotice error={result.error} title="Could not read the rules of this pack" />
      )}
      {result?.ok === true && result.value.length === 0 && (
        <p className="empty">This version has no rules.</p>
      )}
      {result?.ok === true && result.value.length > 0 && (
        <ScrollRegion label={`Rules of ${attributeText(packName)}`}>
          <table className="data-table pack-rules">
            <caption className="visually-hidden">Rules of {packName}</caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Id</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">Status</th>
                <th scope="col">Tags</th>
                {renderState !== undefined && <th scope="col">In this case</th>}
              </tr>
            </thead>
            <tbody>
              {result.value.map((rule) => (
                <tr key={`${rule.namespace}:${rule.name}`}>
                  <th scope="row" className="mono">
                    <SafeText value={rule.name} max={128} />
                    <small className="muted">
                      {' '}
                      <SafeText value={rule.file} max={200} />
                    </small>
                  </th>
                  <td className="mono">
                    <SafeText value={rule.id} max={64} />
                  </td>
                  <td className="num">{rule.score}</td>
                  <td>
                    <Badge tone={rule.status === 'active' ? 'neutral' : 'warning'}>
                      {rule.status}
                    </Badge>
                  </td>
                  <td>
                    <SafeText value={rule.tags.join(', ')} max={200} />
                  </td>
                  {renderState !== undefined && <td>{renderState(rule)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  )
}
