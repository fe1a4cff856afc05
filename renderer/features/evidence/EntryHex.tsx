import type { BrowseEntry } from '../../../main/core/model/evidence'
import { HexView } from '../../components/hex/HexView'
import { entryLabel, missingContent, recoveredNote } from './entry-content'
import { useFileHighlights } from './use-file-highlights'

/** Props of {@link EntryHex}. */
export interface EntryHexProps {
  readonly entry: BrowseEntry
}

/**
 * The bytes of the selected entry (read-only, through `files:read`), the matches of its
 * findings marked; or, when it has none, why (deleted and overwritten, a folder, encrypted…).
 */
export function EntryHex({ entry }: EntryHexProps) {
  const missing = missingContent(entry)
  const highlights = useFileHighlights(entry.fileId, missing === null ? entry.findings : 0)
  if (missing !== null) return <p className="empty">{missing}</p>
  if (entry.sizeBytes === 0) return <p className="empty">This file is empty: 0 bytes.</p>
  const note = recoveredNote(entry)
  return (
    <>
      {note !== null && <p className="notice notice-warning">{note}</p>}
      <HexView
        fileId={entry.fileId}
        sizeBytes={entry.sizeBytes}
        label={`Bytes of ${entryLabel(entry)}`}
        highlights={highlights}
      />
    </>
  )
}
