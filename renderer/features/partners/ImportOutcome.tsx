import type { ImportResult } from '../../../main/core/model/sharing'
import { formatCount } from '../../lib/format'
import { SafeText } from '../../components/SafeText'

/** Props of {@link ImportOutcome}. */
export interface ImportOutcomeProps {
  readonly result: ImportResult
}

/**
 * What an import did: the bundle added (or already in the case), with its finding count.
 */
export function ImportOutcome({ result }: ImportOutcomeProps) {
  const { bundle } = result
  return (
    <p className="notice notice-ok">
      {result.alreadyImported ? 'Already in this case: ' : 'Imported: '}
      <SafeText value={bundle.reportName} max={200} /> from{' '}
      <SafeText value={bundle.producerOrg} max={200} /> — {formatCount(bundle.findingCount)}{' '}
      findings, {formatCount(bundle.ruleCount)} rules. It is selected below.
    </p>
  )
}
