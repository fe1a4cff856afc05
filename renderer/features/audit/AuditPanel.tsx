import { useState } from 'react'
import type { AuditVerification } from '../../../main/core/model/audit'
import type { Result } from '../../../main/ipc/contract'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { AuditVerificationView } from './AuditVerificationView'

/**
 * The Audit section: walk the case's hash-chained audit log (`audit:verify`) and show whether
 * it is intact, its length and head, and the first entry that does not verify.
 */
export function AuditPanel() {
  const [result, setResult] = useState<Result<AuditVerification>>()
  const [isBusy, setIsBusy] = useState(false)

  async function verify() {
    setIsBusy(true)
    setResult(await invoke('audit:verify'))
    setIsBusy(false)
  }

  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit</h2>
      <p>Every change to the case is recorded in a hash-chained, append-only log.</p>
      <div className="actions">
        <button type="button" className="primary" disabled={isBusy} onClick={() => void verify()}>
          Verify audit log
        </button>
      </div>
      <div role="status" aria-live="polite">
        {isBusy && <p className="muted">Verifying…</p>}
        {result?.ok === true && <AuditVerificationView value={result.value} />}
      </div>
      {result?.ok === false && (
        <ErrorNotice error={result.error} title="Could not verify the audit log" />
      )}
    </section>
  )
}
