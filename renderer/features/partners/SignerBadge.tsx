import { Badge } from '../../components/Badge'
import { signerLabel, signerTone } from './signer-labels'
import type { SignerStatus } from './signer-labels'

/** Props of {@link SignerBadge}. */
export interface SignerBadgeProps {
  readonly status: SignerStatus
}

/**
 * The signer's status as a badge: own or trusted key (good), unknown key or unsigned (warning).
 */
export function SignerBadge({ status }: SignerBadgeProps) {
  return <Badge tone={signerTone(status)}>{signerLabel(status)}</Badge>
}
