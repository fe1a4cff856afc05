import type { FindingDetail } from '../../../main/core/model/findings'
import { DetailList } from '../../components/DetailList'
import type { DetailItem } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import { RuleMetaList } from './RuleMetaList'

/** Props of {@link RuleDetails}. */
export interface RuleDetailsProps {
  readonly rule: FindingDetail['rule']
}

/**
 * The rule that matched: name, namespace, pack and version, rule id, description, author,
 * tags and meta. Everything here comes from a rule pack and is treated as hostile text.
 */
export function RuleDetails({ rule }: RuleDetailsProps) {
  const items: DetailItem[] = [
    ['Name', <SafeText key="v" value={rule.name} max={500} />],
    ['Namespace', <SafeText key="v" value={rule.namespace} max={500} />],
    [
      'Pack',
      <span key="v">
        <SafeText value={rule.packName} max={200} />@<SafeText value={rule.packVersion} max={50} />
      </span>,
    ],
    ['Rule ID', <SafeText key="v" value={rule.ruleId} max={200} />],
    ['Description', <SafeText key="v" value={rule.description} max={5000} />],
    ['Author', <SafeText key="v" value={rule.author} max={500} />],
    [
      'Tags',
      rule.tags.length === 0 ? (
        <span className="muted">—</span>
      ) : (
        <ul key="v" className="tags">
          {rule.tags.map((tag, i) => (
            <li key={i}>
              <SafeText value={tag} max={200} />
            </li>
          ))}
        </ul>
      ),
    ],
    ['Meta', <RuleMetaList key="v" meta={rule.meta} />],
  ]
  return (
    <section className="detail-section" aria-labelledby="finding-rule-title">
      <h4 id="finding-rule-title">Rule</h4>
      <DetailList items={items} />
    </section>
  )
}
