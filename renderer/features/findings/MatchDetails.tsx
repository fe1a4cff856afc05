import { useId } from 'react'
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
  /** Show the match in the hex view of the file (the heading is then a button). */
  readonly onShow?: ((match: MatchView) => void) | undefined
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
 * image evidence), length, and the excerpt shown as escaped text and as a hex dump. With
 * `onShow`, its heading is a button that shows the match in the file's hex view.
 */
export function MatchDetails({ match, position, onShow }: MatchDetailsProps) {
  const hintId = useId()
  const title = (
    <>
      Match {position}: <SafeText value={match.identifier} max={200} />
    </>
  )
  return (
    <li className="match">
      <h5>
        {onShow === undefined ? (
          title
        ) : (
          <button
            type="button"
            className="link-button match-pick"
            aria-describedby={hintId}
            onClick={() => {
              onShow(match)
            }}
          >
            {title} at 0x{match.offset.toString(16)}, {formatCount(match.length)} bytes
          </button>
        )}
      </h5>
      {onShow !== undefined && (
        <span id={hintId} className="visually-hidden">
          shows it in the hex view
        </span>
      )}
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
