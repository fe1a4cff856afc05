import { useState } from 'react'
import type { PartnerBundleView } from '../../../main/core/model/sharing'
import type { ChannelOutput, Result } from '../../../main/ipc/contract'
import { invoke } from '../../lib/api'
import { formatCount } from '../../lib/format'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'

/** Props of {@link PartnerActions}. */
export interface PartnerActionsProps {
  readonly bundle: PartnerBundleView
}

/**
 * What this case can take from a partner's bundle: their file hashes as a known-bad hash set,
 * and their rules as a rule pack on disk (for the next scan), each with what it made.
 */
export function PartnerActions({ bundle }: PartnerActionsProps) {
  const [merged, setMerged] = useState<Result<ChannelOutput<'partners:mergeHashes'>>>()
  const [saved, setSaved] = useState<Result<ChannelOutput<'partners:saveRules'>>>()
  const [isBusy, setIsBusy] = useState(false)

  async function mergeHashes() {
    setIsBusy(true)
    setMerged(await invoke('partners:mergeHashes', { bundleId: bundle.id }))
    setIsBusy(false)
  }

  async function saveRules() {
    setIsBusy(true)
    setSaved(await invoke('partners:saveRules', { bundleId: bundle.id }))
    setIsBusy(false)
  }

  return (
    <div className="partner-actions">
      <div className="actions">
        <button type="button" disabled={isBusy} onClick={() => void mergeHashes()}>
          Add their file hashes as a known-bad set
        </button>
        <button
          type="button"
          disabled={isBusy || bundle.ruleCount === 0}
          onClick={() => void saveRules()}
        >
          Save their rules as a rule pack
        </button>
      </div>
      <div role="status" aria-live="polite">
        {merged?.ok === true && (
          <p className="notice notice-ok">
            Known-bad hash set “<SafeText value={merged.value.name} max={200} />” holds{' '}
            {formatCount(merged.value.entries)} entries.
          </p>
        )}
        {saved?.ok === true && (
          <p className="notice notice-ok">
            {formatCount(saved.value.rules)} rules saved as a rule pack in{' '}
            <code className="path">
              <SafeText value={saved.value.folder} max={1000} />
            </code>
          </p>
        )}
      </div>
      {merged?.ok === false && (
        <ErrorNotice error={merged.error} title="Could not add their hashes" />
      )}
      {saved?.ok === false && (
        <ErrorNotice error={saved.error} title="Could not save their rules" />
      )}
    </div>
  )
}
