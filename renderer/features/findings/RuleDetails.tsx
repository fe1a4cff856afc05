import type { FindingDetail } from '../../../main/core/model/findings'
import { DetailList } from '../../components/DetailList'
import type { DetailItem } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import { DetailFold } from './DetailFold'
import { RuleMetaList } from './RuleMetaList'
import { RuleSource } from './RuleSource'

/** Props of {@link RuleDetails}. */
export interface RuleDetailsProps {
  readonly rule: FindingDetail['rule']
  /** The identifiers of the strings that matched, highlighted in the source. */
  readonly matchedIdentifiers: readonly string[]
}

/**
 * The rule that matched: name, namespace, pack and version, rule id, description, author,
 * tags, meta and its source with the matched strings' definitions highlighted. Everything here
 * comes from a rule pack and is treated as hostile text.
 */
export function RuleDetails({ rule, matchedIdentifiers }: RuleDetailsProps) {
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
    <DetailFold title="Rule">
      <DetailList items={items} />
      <h5>Source</h5>
      <RuleSource
        source={rule.source}
        ruleName={rule.name}
        matchedIdentifiers={matchedIdentifiers}
      />
    </DetailFold>
  )
}
