import type { PackSignatureStatus, PackSignerView } from '../../../main/core/model/rule-packs'
import { Badge } from '../../components/Badge'
import { SafeText } from '../../components/SafeText'
import { packSignatureLabel, packSignatureTone } from './rules-labels'

/** Props of {@link PackSignatureBadge}. */
export interface PackSignatureBadgeProps {
  readonly status: PackSignatureStatus
  readonly signer: PackSignerView | null
}

/** Who vouches for a pack version, as a badge ("Signed by CERT-X (trusted)", "Unsigned" …). */
export function PackSignatureBadge({ status, signer }: PackSignatureBadgeProps) {
  return (
    <Badge tone={packSignatureTone(status)}>
      <SafeText value={packSignatureLabel(status, signer?.org ?? null)} max={200} />
    </Badge>
  )
}
