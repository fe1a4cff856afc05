import type { Evidence } from '../../../main/core/model/evidence'

/** Props of {@link EvidenceHashCell}. */
export interface EvidenceHashCellProps {
  readonly item: Evidence
}

/**
 * The fingerprint of an evidence item: its SHA-256 (a file, or an image once hashed in full) or
 * manifest SHA-256 (a folder).
 *
 * A folder's manifest hash is known only after its first complete scan; an image's SHA-256 once
 * the hashing that follows its addition ends.
 */
export function EvidenceHashCell({ item }: EvidenceHashCellProps) {
  if (item.sha256 !== null) {
    return (
      <>
        <span className="hash-kind">SHA-256</span> <code className="hash">{item.sha256}</code>
      </>
    )
  }
  if (item.manifestSha256 !== null) {
    return (
      <>
        <span className="hash-kind">Manifest SHA-256</span>{' '}
        <code className="hash">{item.manifestSha256}</code>
      </>
    )
  }
  return (
    <span className="muted">
      {item.kind === 'image'
        ? 'Not yet known (computed when the image is hashed)'
        : 'Not yet known (computed by the first complete scan)'}
    </span>
  )
}
