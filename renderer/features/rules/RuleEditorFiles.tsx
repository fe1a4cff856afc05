import { useState } from 'react'
import type { AuthoringListing } from '../../../main/core/model/rule-editor'
import type { Result } from '../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'

/** Props of {@link RuleEditorFiles}. */
export interface RuleEditorFilesProps {
  readonly listing: Result<AuthoringListing> | undefined
  /** The file name in the editor. */
  readonly current: string
  /** The editor holds unsaved changes: opening another file asks first. */
  readonly isDirty: boolean
  readonly onOpen: (file: string) => void
}

/** The authoring folder's rule files; a click opens one (after a confirmation if unsaved). */
export function RuleEditorFiles({ listing, current, isDirty, onOpen }: RuleEditorFilesProps) {
  const [asking, setAsking] = useState<string | null>(null)
  return (
    <nav className="rule-editor-files" aria-label="Authoring files">
      <h3>Authoring folder</h3>
      {listing === undefined && <p className="muted">Loading…</p>}
      {listing?.ok === false && (
        <ErrorNotice error={listing.error} title="Could not list the authoring folder" />
      )}
      {listing?.ok === true && listing.value.files.length === 0 && (
        <p className="empty">No saved rule files yet.</p>
      )}
      {listing?.ok === true && listing.value.files.length > 0 && (
        <ul>
          {listing.value.files.map((f) => (
            <li key={f.file}>
              <button
                type="button"
                className="link-button mono"
                aria-current={f.file === current ? 'true' : undefined}
                onClick={() => {
                  if (isDirty && f.file !== current) setAsking(f.file)
                  else onOpen(f.file)
                }}
              >
                <SafeText value={f.file} max={80} />
              </button>{' '}
              <small className="muted">{f.sizeBytes.toLocaleString('en-US')} B</small>
            </li>
          ))}
        </ul>
      )}
      {asking !== null && (
        <div role="alert" className="notice notice-warning">
          <p className="notice-message">
            Unsaved changes will be lost. Open <SafeText value={asking} max={80} />?
          </p>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                onOpen(asking)
                setAsking(null)
              }}
            >
              Open anyway
            </button>
            <button
              type="button"
              onClick={() => {
                setAsking(null)
              }}
            >
              Keep editing
            </button>
          </div>
        </div>
      )}
    </nav>
  )
}
