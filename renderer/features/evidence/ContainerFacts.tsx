import type { EvidenceLayout } from '../../../main/core/model/evidence'
import { formatSizeExact } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import { formatLabel, schemeLabel } from './evidence-labels'

/** Props of {@link ContainerFacts}. */
export interface ContainerFactsProps {
  readonly layout: EvidenceLayout
}

function detailValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number') return value.toLocaleString('en-US')
  return value
}

/**
 * The container of an image: format, media size, partition scheme, and the format's own
 * details (segments, chunk size, acquisition notes …) as key/value pairs. Keys and values come
 * from the image header and are shown as hostile text.
 */
export function ContainerFacts({ layout }: ContainerFactsProps) {
  const format = layout.containerFormat
  const details = Object.entries(layout.containerDetails)
  return (
    <div className="container-facts">
      <DetailList
        items={[
          [
            'Format',
            format === null ? (
              <span key="v" className="muted">
                —
              </span>
            ) : (
              <span key="v">
                {formatLabel(format) ?? <SafeText value={format} max={100} />}{' '}
                <code className="muted">
                  <SafeText value={format} max={100} />
                </code>
              </span>
            ),
          ],
          ['Media size', layout.mediaSize === null ? '—' : formatSizeExact(layout.mediaSize)],
          ['Partition scheme', schemeLabel(layout.scheme)],
        ]}
      />
      {details.length > 0 && <h6>Container details</h6>}
      {details.length > 0 && (
        <dl className="meta container-details">
          {details.map(([key, value]) => (
            <div key={key} className="kv-row">
              <dt className="mono">
                <SafeText value={key} max={200} />
              </dt>
              <dd>
                <SafeText value={detailValue(value)} max={2000} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}
