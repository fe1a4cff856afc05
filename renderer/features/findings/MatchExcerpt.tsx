import type { MatchView } from '../../../main/core/model/findings'
import { parseHex } from '../../lib/bytes'
import { formatCount } from '../../lib/format'
import { EscapedBytes } from './EscapedBytes'
import { HexDump } from './HexDump'

/** Props of {@link MatchExcerpt}. */
export interface MatchExcerptProps {
  readonly match: MatchView
}

/**
 * The stored bytes of a match, two ways: escaped text and a hex dump at the file offset.
 */
export function MatchExcerpt({ match }: MatchExcerptProps) {
  const bytes = parseHex(match.excerptHex)
  if (bytes === null) return <p className="muted">Excerpt unavailable (not valid hex).</p>
  if (bytes.length === 0) return <p className="muted">No excerpt stored.</p>
  return (
    <>
      <h6>Escaped text</h6>
      <EscapedBytes bytes={bytes} />
      <h6>Hex dump</h6>
      <HexDump bytes={bytes} baseOffset={match.offset} />
      {match.truncated && (
        <p className="hint">
          Excerpt shows the first {formatCount(bytes.length)} of {formatCount(match.length)} bytes.
        </p>
      )}
    </>
  )
}
