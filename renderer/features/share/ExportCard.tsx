import { useId, useState } from 'react'
import type { ExportResult, SigningKeyView } from '../../../main/core/model/sharing'
import type { TlpLevel } from '../../../main/core/model/tlp'
import { ExportForm } from './ExportForm'
import { ExportResultView } from './ExportResultView'

/** Props of {@link ExportCard}. */
export interface ExportCardProps {
  readonly keys: readonly SigningKeyView[]
  readonly defaultTlp: TlpLevel
}

/**
 * "Export a report bundle": the form, then what the export wrote. Without a signing key there
 * is nothing to sign with, so it says so and points to the "Create signing key" form.
 */
export function ExportCard({ keys, defaultTlp }: ExportCardProps) {
  const titleId = useId()
  const [result, setResult] = useState<ExportResult>()
  return (
    <section className="card export-card" aria-labelledby={titleId}>
      <h3 id={titleId}>Export a report bundle</h3>
      {keys.length === 0 ? (
        <p className="empty">
          A bundle is signed so partners can check it came from you: create a signing key first
          (“Create signing key” below).
        </p>
      ) : (
        <ExportForm keys={keys} defaultTlp={defaultTlp} onExported={setResult} />
      )}
      <div role="status" aria-live="polite">
        {result !== undefined && (
          <ExportResultView
            result={result}
            signingKey={keys.find((k) => k.keyId === result.keyId)}
          />
        )}
      </div>
    </section>
  )
}
