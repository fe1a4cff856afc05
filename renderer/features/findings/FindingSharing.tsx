import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { TlpLevel } from '../../../main/core/model/tlp'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TlpSelect } from '../../components/TlpSelect'
import { FindingNotes } from './FindingNotes'

/** Props of {@link FindingSharing}. */
export interface FindingSharingProps {
  readonly findingId: number
  /** The finding's own TLP; null: the case default. */
  readonly tlp: TlpLevel | null
  /** The case's default TLP, when known (named in the "Case default" choice). */
  readonly caseDefault: TlpLevel | null
}

/**
 * The "Sharing" block of the finding detail: the finding's TLP (`findings:setTlp`, saved on
 * change) and the analysts' notes on it.
 */
export function FindingSharing({ findingId, tlp, caseDefault }: FindingSharingProps) {
  const [level, setLevel] = useState(tlp)
  const [error, setError] = useState<ErrorInfo>()
  const [isSaving, setIsSaving] = useState(false)
  const [savedNote, setSavedNote] = useState('')

  async function change(next: TlpLevel | null) {
    const previous = level
    setLevel(next)
    setIsSaving(true)
    setError(undefined)
    setSavedNote('')
    const saved = await invoke('findings:setTlp', { findingIds: [findingId], tlp: next })
    setIsSaving(false)
    if (saved.ok) {
      setSavedNote('TLP saved.')
    } else {
      setLevel(previous)
      setError(saved.error)
    }
  }

  return (
    <section className="detail-section" aria-labelledby="finding-sharing-title">
      <h4 id="finding-sharing-title">Sharing</h4>
      <TlpSelect
        label="TLP of this finding"
        value={level}
        caseDefault={caseDefault}
        isDisabled={isSaving}
        hint="A bundle exported at a lower TLP withholds this finding."
        onChange={(next) => void change(next)}
      />
      <p className="hint" role="status">
        {savedNote}
      </p>
      {error !== undefined && <ErrorNotice error={error} title="Could not set the TLP" />}
      <FindingNotes findingId={findingId} />
    </section>
  )
}
