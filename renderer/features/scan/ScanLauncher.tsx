import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ScanSummary } from '../../../main/core/model/scan'
import { invoke } from '../../lib/api'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { EvidenceChooser } from './EvidenceChooser'
import { RulePackList } from './RulePackList'

/** Props of {@link ScanLauncher}. */
export interface ScanLauncherProps {
  readonly isRunning: boolean
  readonly onStarted: (scan: ScanSummary) => void
}

/**
 * Choose the evidence (all by default) and start a scan with the default rule packs.
 */
export function ScanLauncher({ isRunning, onStarted }: ScanLauncherProps) {
  const titleId = useId()
  const evidence = useInvoke('evidence:list', undefined)
  // Unchecked items are remembered, so evidence added later starts checked.
  const [excluded, setExcluded] = useState<ReadonlySet<number>>(new Set())
  const [error, setError] = useState<ErrorInfo>()
  const [isBusy, setIsBusy] = useState(false)
  const items = evidence.result?.ok === true ? evidence.result.value : []
  const selected = items.filter((e) => !excluded.has(e.id)).map((e) => e.id)

  async function start(event: FormEvent) {
    event.preventDefault()
    if (selected.length === 0) {
      setError({ code: 'INVALID_INPUT', message: 'Choose at least one evidence item to scan.' })
      return
    }
    setIsBusy(true)
    setError(undefined)
    const started = await invoke('scan:start', { evidenceIds: selected })
    setIsBusy(false)
    if (started.ok) onStarted(started.value)
    else setError(started.error)
  }

  return (
    <form className="card form" aria-labelledby={titleId} onSubmit={(e) => void start(e)}>
      <h3 id={titleId}>New scan</h3>
      {evidence.result?.ok === false && (
        <ErrorNotice error={evidence.result.error} title="Could not list evidence" />
      )}
      {evidence.result?.ok === true && (
        <EvidenceChooser items={items} excluded={excluded} onExcludedChange={setExcluded} />
      )}
      <RulePackList />
      {error !== undefined && <ErrorNotice error={error} title="Could not start the scan" />}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={isBusy || isRunning || selected.length === 0}
        >
          Start scan
        </button>
        {isRunning && <span className="muted">A scan is running.</span>}
      </div>
    </form>
  )
}
