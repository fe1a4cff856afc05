import type { PartnerBundleView } from '../../../main/core/model/sharing'
import type { BadgeTone } from '../../components/Badge'
import { assertNever } from '../../lib/assert-never'

/** Who signed a bundle, as this workbench knows them. */
export type SignerStatus = PartnerBundleView['signerStatus']

/** The label of a signer status: "Own key", "Trusted key", "Unknown key", "Unsigned". */
export function signerLabel(status: SignerStatus): string {
  switch (status) {
    case 'own':
      return 'Own key'
    case 'trusted':
      return 'Trusted key'
    case 'unknown':
      return 'Unknown key'
    case 'unsigned':
      return 'Unsigned'
    default:
      return assertNever(status, 'signer status')
  }
}

/** How a signer status badge stands out: an unknown key or no signature is a warning. */
export function signerTone(status: SignerStatus): BadgeTone {
  return status === 'own' || status === 'trusted' ? 'ok' : 'warning'
}
