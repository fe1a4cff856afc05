import { escapeByteSegments } from '../../lib/bytes'

/** Props of {@link EscapedBytes}. */
export interface EscapedBytesProps {
  readonly bytes: Uint8Array
}

/**
 * Matched bytes as text: printable ASCII as is, every other byte as a highlighted `\xNN`.
 */
export function EscapedBytes({ bytes }: EscapedBytesProps) {
  return (
    <code className="escaped-bytes">
      {escapeByteSegments(bytes).map((segment, i) =>
        segment.kind === 'escape' ? (
          <span key={i} className="esc">
            {segment.text}
          </span>
        ) : (
          segment.text
        ),
      )}
    </code>
  )
}
