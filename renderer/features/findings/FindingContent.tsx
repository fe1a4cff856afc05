import { useMemo } from 'react'
import type { FindingDetail } from '../../../main/core/model/findings'
import { HexView } from '../../components/hex/HexView'
import { escapeText } from '../../lib/text'

/** Props of {@link FindingContent}. */
export interface FindingContentProps {
  readonly detail: FindingDetail
  /** The match last chosen in the list: the view goes to it each time `request` changes. */
  readonly jumpTo?: { readonly offset: number; readonly request: number } | undefined
}

/**
 * The matched file's bytes in the hex view, opened at the first match with every listed match
 * marked. When the bytes cannot be read (file gone, changed, content only its file system gives)
 * the view says so, and the stored excerpts under Matches remain.
 */
export function FindingContent({ detail, jumpTo }: FindingContentProps) {
  const highlights = useMemo(
    () =>
      detail.matches.map((match) => ({
        offset: match.offset,
        length: match.length,
        label: match.identifier,
      })),
    [detail.matches],
  )
  if (detail.file.sizeBytes === 0) return <p className="muted">The file is empty.</p>
  return (
    <>
      <HexView
        fileId={detail.file.id}
        sizeBytes={detail.file.sizeBytes}
        highlights={highlights}
        initialOffset={detail.matches[0]?.offset}
        label={`Content of ${escapeText(detail.file.path)}`}
        jumpTo={jumpTo}
      />
      <p className="hint">
        Read from the evidence, read-only, as you scroll. The excerpts stored at scan time are under
        Matches.
      </p>
    </>
  )
}
