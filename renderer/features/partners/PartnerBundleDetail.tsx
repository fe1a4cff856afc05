import { useId, useState } from 'react'
import type { PartnerBundleView } from '../../../main/core/model/sharing'
import { formatCount, formatUtcSeconds } from '../../lib/format'
import { useInvoke } from '../../lib/use-invoke'
import { DetailList } from '../../components/DetailList'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Pager } from '../../components/Pager'
import { SafeText } from '../../components/SafeText'
import { TlpBadge } from '../../components/TlpBadge'
import { PartnerActions } from './PartnerActions'
import { PartnerFindingsTable } from './PartnerFindingsTable'
import { SignerBadge } from './SignerBadge'

/** Props of {@link PartnerBundleDetail}. */
export interface PartnerBundleDetailProps {
  readonly bundle: PartnerBundleView
}

/** Rows per page of a partner's findings. */
export const PARTNER_PAGE_SIZE = 100

/**
 * One imported bundle: its provenance (who sent it, when, signed by which key, how many rules),
 * what can be taken from it into this case, and its findings read-only, as sent.
 */
export function PartnerBundleDetail({ bundle }: PartnerBundleDetailProps) {
  const titleId = useId()
  const [offset, setOffset] = useState(0)
  const page = useInvoke('partners:findings', {
    bundleId: bundle.id,
    offset,
    limit: PARTNER_PAGE_SIZE,
  })
  return (
    <section className="card partner-detail" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <SafeText value={bundle.reportName} max={200} /> <TlpBadge level={bundle.tlp} />
      </h3>
      <p className="read-only-note">
        Read-only — as sent by <SafeText value={bundle.producerOrg} max={200} />
      </p>
      <DetailList
        items={[
          ['Sent by', <SafeText key="v" value={bundle.producerOrg} max={200} />],
          ['Their case', <SafeText key="v" value={bundle.caseName} max={200} />],
          ['Created', formatUtcSeconds(bundle.created)],
          [
            'Signed with',
            <span key="v">
              <code>{bundle.producerKeyId ?? '—'}</code>{' '}
              <SignerBadge status={bundle.signerStatus} />
            </span>,
          ],
          ['Rules', formatCount(bundle.ruleCount)],
          [
            'Imported',
            <span key="v">
              <SafeText value={bundle.importedBy} max={200} />,{' '}
              {formatUtcSeconds(bundle.importedAt)}
            </span>,
          ],
          ['Bundle ID', <code key="v">{bundle.bundleId}</code>],
        ]}
      />
      <PartnerActions bundle={bundle} />
      {page.result === undefined && <p className="muted">Loading their findings…</p>}
      {page.result?.ok === false && (
        <ErrorNotice error={page.result.error} title="Could not list their findings" />
      )}
      {page.result?.ok === true && (
        <>
          <PartnerFindingsTable
            rows={page.result.value.rows}
            producerOrg={bundle.producerOrg}
            isBusy={page.isLoading}
          />
          <Pager
            noun="partner findings"
            offset={offset}
            limit={PARTNER_PAGE_SIZE}
            total={page.result.value.total}
            onOffsetChange={setOffset}
          />
        </>
      )}
    </section>
  )
}
