import { useState } from 'react'
import type { TlpLevel } from '../../../main/core/model/tlp'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ExportCard } from './ExportCard'
import { KeysAndTrust } from './KeysAndTrust'

/** Props of {@link SharePanel}. */
export interface SharePanelProps {
  /** The case's default TLP: the export form starts there. */
  readonly defaultTlp: TlpLevel
}

/**
 * The Share section: export a signed report bundle, and manage the keys behind it — this
 * workbench's signing keys and the partner keys it trusts.
 *
 * The export comes first (what the analyst came for); without a signing key it points to the
 * "Create signing key" form below.
 */
export function SharePanel({ defaultTlp }: SharePanelProps) {
  const [keysRevision, setKeysRevision] = useState(0)
  const keys = useInvoke('keys:list', undefined, keysRevision)
  const keyList = keys.result?.ok === true ? keys.result.value : undefined

  return (
    <section className="panel share-panel" aria-labelledby="share-title">
      <h2 id="share-title">Share</h2>
      <p className="hint">
        A bundle is a signed ZIP (STIX 2.1, MISP feed, CSV, HTML report and the matching rules) a
        partner can verify offline.
      </p>
      {keys.result?.ok === false && (
        <ErrorNotice error={keys.result.error} title="Could not list the signing keys" />
      )}
      {keys.result === undefined && <p className="muted">Loading keys…</p>}
      {keyList !== undefined && <ExportCard keys={keyList.keys} defaultTlp={defaultTlp} />}
      <KeysAndTrust
        keyList={keyList}
        onKeysChanged={() => {
          setKeysRevision((n) => n + 1)
        }}
      />
    </section>
  )
}
