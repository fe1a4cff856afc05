import type { TlpLevel } from '../../main/core/model/tlp'
import { tlpLabel, tlpTone } from '../lib/tlp'
import { Badge } from './Badge'

/** Props of {@link TlpBadge}. */
export interface TlpBadgeProps {
  readonly level: TlpLevel
}

/**
 * A TLP marking as a badge (`TLP:AMBER`), toned by how restricted it is.
 *
 * The label is text, so it is read out and copied as FIRST writes it.
 */
export function TlpBadge({ level }: TlpBadgeProps) {
  return (
    <span className={`tlp tlp-${level.replace('+', '-')}`}>
      <Badge tone={tlpTone(level)}>{tlpLabel(level)}</Badge>
    </span>
  )
}
