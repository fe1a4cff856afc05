import { useState } from 'react'
import type { BrowseEntry } from '../../../main/core/model/evidence'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ScanSummary } from '../../../main/core/model/scan'
import { invoke } from '../../lib/api'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { isScannable } from './browse-items'
import { missingContent } from './entry-content'

/** Props of {@link ScanFileWith}. */
export interface ScanFileWithProps {
  readonly entry: BrowseEntry
  readonly evidenceId: number
  readonly isScanRunning: boolean
  readonly onStarted: (scan: ScanSummary) => void
}

/**
 * "Scan this file with…": some or all of the active rule packs (`rules:store`), a scan of this
 * file alone (`scan:start` with `fileIds` and, unless all are chosen, `packNames`), followed
 * in the Scan section like any scan.
 */
export function ScanFileWith({ entry, evidenceId, isScanRunning, onStarted }: ScanFileWithProps) {
  const store = useInvoke('rules:store', undefined)
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<ErrorInfo>()
  const [started, setStarted] = useState<ScanSummary>()
  const [isBusy, setIsBusy] = useState(false)
  const missing = missingContent(entry)
  if (missing !== null || !isScannable(entry)) {
    return <p className="empty">{missing ?? 'This entry has no content to scan.'}</p>
  }
  if (store.result === undefined) return <p className="muted">Loading rule packs…</p>
  if (!store.result.ok) {
    return <ErrorNotice error={store.result.error} title="Could not list rule packs" />
  }
  const active = store.result.value.filter((pack) => pack.active !== null)
  if (active.length === 0) {
    return <p className="empty">No rule pack is active: activate one under Rules.</p>
  }
  const chosen = active.map((p) => p.name).filter((name) => !unchecked.has(name))

  function toggle(name: string, isChecked: boolean) {
    const next = new Set(unchecked)
    if (isChecked) next.delete(name)
    else next.add(name)
    setUnchecked(next)
  }

  async function scan() {
    setIsBusy(true)
    setError(undefined)
    const result = await invoke('scan:start', {
      evidenceIds: [evidenceId],
      fileIds: [entry.fileId],
      // Every active pack: the plain scan, whose results a later full scan can reuse.
      ...(chosen.length === active.length ? {} : { packNames: chosen }),
    })
    setIsBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setStarted(result.value)
    onStarted(result.value)
  }

  return (
    <div className="scan-file-with">
      <fieldset className="pack-choice">
        <legend>Scan this file with these active rule packs</legend>
        {active.map((pack) => (
          <label key={pack.name} className="check">
            <input
              type="checkbox"
              checked={!unchecked.has(pack.name)}
              onChange={(e) => {
                toggle(pack.name, e.target.checked)
              }}
            />{' '}
            <SafeText value={pack.name} max={200} />@
            <SafeText value={pack.active?.version ?? ''} max={64} />
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={chosen.length === 0 || isBusy || isScanRunning}
          onClick={() => void scan()}
        >
          Scan this file
        </button>
        <button
          type="button"
          disabled={chosen.length === active.length}
          onClick={() => {
            setUnchecked(new Set())
          }}
        >
          Choose all packs
        </button>
        {isScanRunning && <span className="muted">A scan is running.</span>}
      </div>
      {chosen.length === 0 && <p className="field-error">Choose at least one rule pack.</p>}
      {started !== undefined && (
        <p className="notice notice-ok" role="status">
          Scan #{started.id} started on this file with{' '}
          {chosen.length === active.length ? 'every active pack' : chosen.join(', ')}; follow it in
          Scan.
        </p>
      )}
      {error !== undefined && <ErrorNotice error={error} title="Could not start the scan" />}
    </div>
  )
}
