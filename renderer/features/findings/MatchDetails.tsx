import type { MatchView } from '../../../main/core/model/findings'
import { formatOffset } from '../../lib/bytes'
import { formatCount } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import type { DetailItem } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import { MatchExcerpt } from './MatchExcerpt'

/** Props of {@link MatchDetails}. */
export interface MatchDetailsProps {
  readonly match: MatchView
  /** 1-based position in the finding's match list. */
  readonly position: number
}

function offsetItems(match: MatchView): DetailItem[] {
  const inFile = (
    <span key="v" className="mono">
      {formatOffset(match.offset)}
    </span>
  )
  if (match.imageOffset === null) return [['Offset', inFile]]
  return [
    ['Offset in file', inFile],
    [
      'Offset in image',
      <span key="v" className="mono">
        {formatOffset(match.imageOffset)}
      </span>,
    ],
  ]
}

/**
 * One matched string: identifier, offset (decimal and hex; in the file and in the image for
 * image evidence), length, and the excerpt shown as escaped text and as a hex dump.
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
          ...offsetItems(match),
          ['Length', `${formatCount(match.length)} bytes`],
        ]}
      />
      <MatchExcerpt match={match} />
    </li>
  )
}
