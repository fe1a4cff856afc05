import { useState } from 'react'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { CheckBundleCard } from './CheckBundleCard'
import { PartnerBundleDetail } from './PartnerBundleDetail'
import { PartnerBundleList } from './PartnerBundleList'

/**
 * The Partners section: check and import a partner's bundle, the bundles imported into this
 * case, and the selected one's findings — read-only, as the partner sent them.
 */
export function PartnersPanel() {
  const [revision, setRevision] = useState(0)
  const [selectedId, setSelectedId] = useState<number>()
  const bundles = useInvoke('partners:list', undefined, revision)
  const list = bundles.result?.ok === true ? bundles.result.value : []
  const selected = list.find((b) => b.id === selectedId)

  return (
    <section className="panel partners-panel" aria-labelledby="partners-title">
      <h2 id="partners-title">Partners</h2>
      <CheckBundleCard
        onImported={(bundleId) => {
          setRevision((n) => n + 1)
          setSelectedId(bundleId)
        }}
      />
      <section className="card" aria-labelledby="partner-bundles-title">
        <h3 id="partner-bundles-title">Imported bundles</h3>
        {bundles.result === undefined && <p className="muted">Loading bundles…</p>}
        {bundles.result?.ok === false && (
          <ErrorNotice error={bundles.result.error} title="Could not list partner bundles" />
        )}
        {bundles.result?.ok === true && (
          <PartnerBundleList bundles={list} selectedId={selectedId} onSelect={setSelectedId} />
        )}
      </section>
      {selected !== undefined && <PartnerBundleDetail key={selected.id} bundle={selected} />}
    </section>
  )
}
