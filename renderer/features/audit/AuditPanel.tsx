import { useEffect, useState } from 'react'
import type { AuditVerification } from '../../../main/core/model/audit'
import type { Result } from '../../../main/ipc/contract'
import { invoke } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { AuditLog } from './AuditLog'
import { AuditVerificationView } from './AuditVerificationView'

/**
 * The Audit section: the case's hash-chained audit log — verified when the section opens (and
 * on demand), its entries below, newest first, with the first broken entry highlighted.
 */
export function AuditPanel() {
  const [result, setResult] = useState<Result<AuditVerification>>()
  const [isBusy, setIsBusy] = useState(true)
  const [revision, setRevision] = useState(0)

  async function verify() {
    setIsBusy(true)
    const verified = await invoke('audit:verify')
    setResult(verified)
    setIsBusy(false)
  }

  // Verified once when the section opens; the button runs it again.
  useEffect(() => {
    let isCurrent = true
    void invoke('audit:verify').then((verified) => {
      if (!isCurrent) return
      setResult(verified)
      setIsBusy(false)
    })
    return () => {
      isCurrent = false
    }
  }, [])

  const brokenSeq = result?.ok === true ? (result.value.firstBroken?.seq ?? null) : null
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit</h2>
      <p>Every change to the case is recorded in a hash-chained, append-only log.</p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={isBusy}
          onClick={() => {
            // Read the entries again too: the log may have grown since the section opened.
            setRevision((n) => n + 1)
            void verify()
          }}
        >
          Verify audit log
        </button>
      </div>
      <div role="status" aria-live="polite" className="audit-status">
        {isBusy && <p className="muted">Verifying…</p>}
        {result?.ok === true && <AuditVerificationView value={result.value} />}
      </div>
      {result?.ok === false && (
        <ErrorNotice error={result.error} title="Could not verify the audit log" />
      )}
      <AuditLog brokenSeq={brokenSeq} revision={revision} />
    </section>
  )
}
