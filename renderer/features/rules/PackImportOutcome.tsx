import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { PackImportOutcome as Outcome } from '../../../main/core/model/rule-packs'
import type { RetroHuntResult, ScanSummary } from '../../../main/core/model/scan'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { invoke } from '../../lib/api'
import { formatCount } from '../../lib/format'

/** Props of {@link PackImportOutcome}. */
export interface PackImportOutcomeProps {
  readonly outcome: Outcome
  /** The retro-hunt started a scan (the workbench follows it like any scan). */
  readonly onScanStarted?: ((scan: ScanSummary) => void) | undefined
}

/**
 * An activated update, and the offer to retro-hunt the open case with only its new and
 * logic-changed rules (content already in the case, by SHA-256).
 */
export function PackImportOutcome({ outcome, onScanStarted }: PackImportOutcomeProps) {
  const [started, setStarted] = useState<RetroHuntResult>()
  const [error, setError] = useState<ErrorInfo>()
  const [isBusy, setIsBusy] = useState(false)
  const count = outcome.retroHuntRules.length
  // Even with no rule to run, the findings of removed rules get marked.
  const canHunt = outcome.previousId !== null && outcome.active.installId !== null

  async function retroHunt() {
    if (outcome.previousId === null || outcome.active.installId === null) return
    setIsBusy(true)
    setError(undefined)
    const result = await invoke('rules:retroHunt', {
      name: outcome.name,
      previousId: outcome.previousId,
      activeId: outcome.active.installId,
    })
    setIsBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setStarted(result.value)
    if (result.value.scan !== null) onScanStarted?.(result.value.scan)
  }

  return (
    <div className="pack-outcome">
      <p className="notice notice-ok">
        <SafeText value={outcome.name} max={80} />{' '}
        <SafeText value={outcome.active.version} max={64} /> is now active. The previous version
        stays installed for rollback.
      </p>
      {canHunt && started === undefined && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={isBusy}
            onClick={() => void retroHunt()}
          >
            {count > 0
              ? `Retro-hunt the open case with the ${formatCount(count)} new and changed rule${count === 1 ? '' : 's'}`
              : 'Mark the open case’s findings of removed rules'}
          </button>
        </div>
      )}
      {started !== undefined && <p className="muted">{retroHuntText(started)}</p>}
      {error !== undefined && <ErrorNotice error={error} title="The retro-hunt did not start" />}
    </div>
  )
}

/** What the retro-hunt did, in a sentence. */
function retroHuntText(result: RetroHuntResult): string {
  const { removed, logicChanged } = result.superseded
  const marked =
    removed + logicChanged === 0
      ? ''
      : ` ${formatCount(removed + logicChanged)} earlier finding(s) marked superseded.`
  if (result.scan === null) return `Nothing to rescan.${marked}`
  return `Retro-hunt started as scan #${result.scan.id} with ${formatCount(result.rules.length)} rule(s): follow it in Scan.${marked}`
}
