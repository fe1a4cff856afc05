import { useState } from 'react'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { AddEvidenceForm } from './AddEvidenceForm'
import { EvidenceDropZone } from './EvidenceDropZone'
import { EvidenceTable } from './EvidenceTable'

/** Props of {@link EvidencePanel}. */
export interface EvidencePanelProps {
  /** Changes when a scan finishes (sizes, counts and folder hashes may have become known). */
  readonly revision: number
}

/**
 * The Evidence section: the case's evidence, and the ways to add more (path, dialog, drop).
 */
export function EvidencePanel({ revision }: EvidencePanelProps) {
  const [added, setAdded] = useState(0)
  const list = useInvoke('evidence:list', undefined, [revision, added])
  const bump = () => {
    setAdded((n) => n + 1)
  }

  return (
    <section className="panel" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      {list.result === undefined && <p className="muted">Loading evidence…</p>}
      {list.result?.ok === false && (
        <ErrorNotice error={list.result.error} title="Could not list evidence" />
      )}
      {list.result?.ok === true &&
        (list.result.value.length === 0 ? (
          <p className="empty">No evidence yet — add a folder or file.</p>
        ) : (
          <EvidenceTable items={list.result.value} />
        ))}
      <div className="evidence-add">
        <AddEvidenceForm onAdded={bump} />
        <EvidenceDropZone onAdded={bump} />
      </div>
    </section>
  )
}
