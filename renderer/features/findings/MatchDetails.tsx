import type { MatchView } from '../../../main/core/model/findings'
import { formatOffset } from '../../lib/bytes'
import { formatCount } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import { MatchExcerpt } from './MatchExcerpt'

/** Props of {@link MatchDetails}. */
export interface MatchDetailsProps {
  readonly match: MatchView
  /** 1-based position in the finding's match list. */
  readonly position: number
}

/**
 * One matched string: identifier, offset (decimal and hex), length, and the excerpt shown as
 * escaped text and as a hex dump.
 */
export function MatchDetails({ match, position }: MatchDetailsProps) {
  return (
    <li className="match">
      <h5>
        Match {position}: <SafeText value={match.identifier} max={200} />
      </h5>
      <DetailList
        items={[
          ['Identifier', <SafeText key="id" value={match.identifier} max={200} />],
          [
            'Offset',
            <span key="offset" className="mono">
              {formatOffset(match.offset)}
            </span>,
          ],
          ['Length', `${formatCount(match.length)} bytes`],
        ]}
      />
      <MatchExcerpt match={match} />
    </li>
  )
}
