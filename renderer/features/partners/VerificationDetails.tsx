import type { VerificationView } from '../../../main/core/model/sharing'
import { formatCount, formatUtcSeconds } from '../../lib/format'
import { tlpLabel } from '../../lib/tlp'
import { DetailList } from '../../components/DetailList'
import { HashValue } from '../../components/HashValue'
import { SafeText } from '../../components/SafeText'
import { Fingerprint } from '../share/Fingerprint'
import { SignerBadge } from './SignerBadge'

/** Props of {@link VerificationDetails}. */
export interface VerificationDetailsProps {
  readonly verification: VerificationView
}

/**
 * A bundle that passed every check: the TLP banner, who signed it (organisation, key id,
 * status, fingerprint, trusted comment), each check passed, and what it holds.
 */
export function VerificationDetails({ verification: v }: VerificationDetailsProps) {
  return (
    <div className="notice notice-ok verification">
      <p className={`tlp-banner tlp-banner-${v.tlp.replace('+', '-')}`}>
        {tlpLabel(v.tlp)} — share only as this marking allows.
      </p>
      <strong className="notice-title">Bundle verified</strong>
      <DetailList
        items={[
          ['File', <SafeText key="v" value={v.fileName} max={300} />],
          ['Case', <SafeText key="v" value={v.caseName} max={200} />],
          ['Created', formatUtcSeconds(v.created)],
          ['Signer', <SafeText key="v" value={v.signer.org} max={200} fallback="Unknown" />],
          ['Key ID', <code key="v">{v.signer.keyId}</code>],
          ['Key status', <SignerBadge key="v" status={v.signer.status} />],
          ['Fingerprint', <Fingerprint key="v" value={v.signer.fingerprint} />],
          ['Trusted comment', <SafeText key="v" value={v.signer.trustedComment} max={500} />],
          ['Outer signature', v.outerSignature === 'valid' ? 'Valid' : 'Absent'],
          ['ZIP SHA-256', <HashValue key="v" value={v.zipSha256} />],
          [
            'Contents',
            `${formatCount(v.counts.findings)} findings, ${formatCount(v.counts.rules)} rules, ${formatCount(v.counts.evidence)} evidence items`,
          ],
        ]}
      />
      <h5>Checks passed</h5>
      <ul className="checks">
        {v.checks.map((check, i) => (
          <li key={i}>
            <span aria-hidden="true">✓ </span>
            <SafeText value={check.check} max={200} />
            {check.detail !== '' && (
              <small className="muted">
                {' '}
                — <SafeText value={check.detail} max={500} />
              </small>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
