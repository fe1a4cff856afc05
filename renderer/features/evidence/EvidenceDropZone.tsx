import { useState } from 'react'
import type { DragEvent } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { Evidence } from '../../../main/core/model/evidence'
import { invoke, pathForFile } from '../../lib/api'
import { ErrorNotice } from '../../components/ErrorNotice'

/** Props of {@link EvidenceDropZone}. */
export interface EvidenceDropZoneProps {
  readonly onAdded: (evidence: Evidence) => void
}

type Notice =
  | { readonly kind: 'none' }
  | { readonly kind: 'needs-desktop' }
  | { readonly kind: 'error'; readonly error: ErrorInfo }

/**
 * Drop folders or files here to add each as evidence (its host path from `pathForFile`).
 *
 * The browser preview cannot know a dropped file's path: the zone then says so.
 */
export function EvidenceDropZone({ onAdded }: EvidenceDropZoneProps) {
  const [isOver, setIsOver] = useState(false)
  const [notice, setNotice] = useState<Notice>({ kind: 'none' })

  async function addDropped(files: readonly File[]) {
    setNotice({ kind: 'none' })
    for (const file of files) {
      const path = pathForFile(file)
      if (path === null) {
        setNotice({ kind: 'needs-desktop' })
        return
      }
      const added = await invoke('evidence:add', { path })
      if (!added.ok) {
        setNotice({ kind: 'error', error: added.error })
        return
      }
      onAdded(added.value)
    }
  }

  function drop(event: DragEvent) {
    event.preventDefault()
    setIsOver(false)
    void addDropped(Array.from(event.dataTransfer.files))
  }

  function allowDrop(event: DragEvent) {
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    setIsOver(true)
  }

  return (
    <section aria-label="Evidence drop zone" className="drop-zone-region">
      {/* Dropping is a pointer gesture by nature; the keyboard equivalents are the path field and
          the Choose buttons beside this zone. */}
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
      <div
        className={isOver ? 'drop-zone is-over' : 'drop-zone'}
        onDragEnter={allowDrop}
        onDragOver={allowDrop}
        onDragLeave={() => {
          setIsOver(false)
        }}
        onDrop={drop}
      >
        <p>Drop folders or files here to add them as evidence.</p>
      </div>
      {notice.kind === 'needs-desktop' && (
        <p role="alert" className="notice notice-warning">
          Drag and drop needs the desktop app: this preview cannot see where a dropped file lives.
          Type its path or use “Choose folder…” / “Choose file…”.
        </p>
      )}
      {notice.kind === 'error' && (
        <ErrorNotice error={notice.error} title="Could not add dropped evidence" />
      )}
    </section>
  )
}
