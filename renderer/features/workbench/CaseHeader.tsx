import { useState } from 'react'
import type { CaseInfo } from '../../../main/core/model/case'
import type { ErrorInfo } from '../../../main/core/model/errors'
import { invoke } from '../../lib/api'
import { escapeText } from '../../lib/text'
import { SafeText } from '../../components/SafeText'
import { ErrorNotice } from '../../components/ErrorNotice'

/** Props of {@link CaseHeader}. */
export interface CaseHeaderProps {
  readonly caseInfo: CaseInfo
  readonly onClosed: () => void
}

/**
 * The workbench header: the case name, examiner, case number and file, and "Close case".
 */
export function CaseHeader({ caseInfo, onClosed }: CaseHeaderProps) {
  const [error, setError] = useState<ErrorInfo>()

  async function close() {
    const closed = await invoke('case:close')
    if (closed.ok) onClosed()
    else setError(closed.error)
  }

  return (
    <header className="case-header">
      <div className="case-title">
        <span className="brand" aria-hidden="true">
          Outpost
        </span>
        <h1>
          <SafeText value={caseInfo.name} max={200} />
        </h1>
      </div>
      <dl className="case-meta">
        <div>
          <dt>Examiner</dt>
          <dd>
            <SafeText value={caseInfo.examiner} max={200} />
          </dd>
        </div>
        <div>
          <dt>Case number</dt>
          <dd>
            <SafeText value={caseInfo.caseNumber} max={100} />
          </dd>
        </div>
        <div>
          <dt>Case file</dt>
          <dd className="mono" title={escapeText(caseInfo.path)}>
            <SafeText value={caseInfo.path} max={300} />
          </dd>
        </div>
      </dl>
      <button type="button" onClick={() => void close()}>
        Close case
      </button>
      {error !== undefined && <ErrorNotice error={error} title="Could not close the case" />}
    </header>
  )
}
