import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { SuppressionView } from '../../../main/core/model/rule-states'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { invoke } from '../../lib/api'
import { formatCount, shortHash } from '../../lib/format'
import { escapeText } from '../../lib/text'
import { useInvoke } from '../../lib/use-invoke'

/**
 * The case's known false positives (`suppressions:list`): rule, content hash, reason, who made
 * it (the examiner or a pack), the findings it covers; remove one, or export the case's own as
 * a `suppressions.json` for a pack.
 */
export function SuppressionList() {
  const [refresh, setRefresh] = useState(0)
  const { result } = useInvoke('suppressions:list', undefined, refresh)
  const [error, setError] = useState<{ title: string; info: ErrorInfo }>()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)

  async function remove(s: SuppressionView) {
    setBusy(true)
    setError(undefined)
    const removed = await invoke('suppressions:remove', { id: s.id })
    setBusy(false)
    if (!removed.ok) {
      setError({ title: 'Could not remove the suppression', info: removed.error })
      return
    }
    setNote(
      `Suppression ${s.id} removed. Its findings keep their triage status; later scans record these matches again.`,
    )
    setRefresh((n) => n + 1)
  }

  async function exportFile() {
    setError(undefined)
    setNote('')
    const folder = await invoke('dialog:pickFolder', { title: 'Folder for suppressions.json' })
    if (!folder.ok) {
      setError({ title: 'Could not export the suppressions', info: folder.error })
      return
    }
    if (folder.value === null) return
    setBusy(true)
    const path = `${folder.value.replace(/[\\/]+$/, '')}/suppressions.json`
    const written = await invoke('suppressions:export', { path })
    setBusy(false)
    if (!written.ok) {
      setError({ title: 'Could not export the suppressions', info: written.error })
      return
    }
    setNote(
      `${formatCount(written.value.count)} suppressions written to ${escapeText(written.value.path)}.`,
    )
  }

  const list = result?.ok === true ? result.value : []
  return (
    <section className="suppressions" aria-labelledby="suppressions-title">
      <header className="section-header">
        <h3 id="suppressions-title">Suppressions</h3>
        <button type="button" disabled={busy} onClick={() => void exportFile()}>
          Export suppressions.json…
        </button>
      </header>
      {result === undefined && <p className="muted">Loading suppressions…</p>}
      {result?.ok === false && (
        <ErrorNotice error={result.error} title="Could not load the suppressions" />
      )}
      {result?.ok === true && list.length === 0 && (
        <p className="muted">No suppressions: mark a finding false positive to add one.</p>
      )}
      {list.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Content SHA-256</th>
              <th scope="col">Reason</th>
              <th scope="col">By</th>
              <th scope="col">Findings</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id}>
                <th scope="row" className="mono">
                  <SafeText value={s.ruleKey} max={200} />
                </th>
                <td className="mono">
                  <span title={s.sha256}>{shortHash(s.sha256)}</span>
                </td>
                <td>
                  <SafeText value={s.reason} max={500} />
                </td>
                <td>
                  <SafeText value={s.origin === 'case' ? s.createdBy : s.origin} max={100} />
                </td>
                <td className="num">{formatCount(s.findings)}</td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Remove suppression ${s.id}`}
                    onClick={() => void remove(s)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint" role="status">
        {note}
      </p>
      {error !== undefined && <ErrorNotice error={error.info} title={error.title} />}
    </section>
  )
}
