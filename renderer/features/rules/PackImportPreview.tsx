import { useId } from 'react'
import type { PackImportPreview as Preview } from '../../../main/core/model/rule-packs'
import { DetailList } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import { TlpBadge } from '../../components/TlpBadge'
import { formatCount } from '../../lib/format'
import { Fingerprint } from '../share/Fingerprint'
import { PackDiffView } from './PackDiffView'
import { PackSignatureBadge } from './PackSignatureBadge'
import { versionLabel } from './rules-labels'

/** Props of {@link PackImportPreview}. */
export interface PackImportPreviewProps {
  readonly preview: Preview
  readonly isBusy: boolean
  readonly onActivate: () => void
  readonly onDiscard: () => void
}

/**
 * A checked pack before activation: who signed it, the version change, the diff against the
 * active version, warnings, and the analyst's choice — activate it, or discard it.
 */
export function PackImportPreview({
  preview,
  isBusy,
  onActivate,
  onDiscard,
}: PackImportPreviewProps) {
  const titleId = useId()
  const change =
    preview.previous === null
      ? `new pack → ${versionLabel(preview.version, preview.sequence)}`
      : `${versionLabel(preview.previous.version, preview.previous.sequence)} → ${versionLabel(preview.version, preview.sequence)}`
  return (
    <section className="pack-preview" aria-labelledby={titleId}>
      <h4 id={titleId}>
        Checked: <SafeText value={preview.name} max={80} />{' '}
        {preview.kind === 'local' ? (
          'as an unsigned local pack'
        ) : (
          <SafeText value={preview.version} max={64} />
        )}
      </h4>
      <DetailList
        items={[
          [
            'Signature',
            <PackSignatureBadge key="s" status={preview.signature} signer={preview.signer} />,
          ],
          ['Key', <SafeText key="k" value={preview.signer?.keyId} fallback="none" />],
          [
            'Fingerprint',
            preview.signer?.fingerprint == null ? (
              <span className="muted">—</span>
            ) : (
              <Fingerprint value={preview.signer.fingerprint} />
            ),
          ],
          ['Version', <SafeText key="v" value={change} max={200} />],
          ['Rules', formatCount(preview.ruleCount)],
          ['TLP', preview.tlp === null ? '—' : <TlpBadge level={preview.tlp} />],
        ]}
      />
      {preview.warnings.length > 0 && (
        <div className="notice notice-warning">
          <strong className="notice-title">Warnings</strong>
          <ul aria-label="Warnings">
            {preview.warnings.map((warning, i) => (
              <li key={i}>
                <SafeText value={warning} max={500} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.dropped.length > 0 && <DroppedRules dropped={preview.dropped} />}
      {preview.diff === null ? (
        <p className="muted">
          No version of this pack is installed: all {formatCount(preview.ruleCount)} rules are new.
        </p>
      ) : (
        <PackDiffView diff={preview.diff} />
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={isBusy} onClick={onActivate}>
          Activate
        </button>
        <button type="button" disabled={isBusy} onClick={onDiscard}>
          Discard
        </button>
      </div>
    </section>
  )
}

function DroppedRules({ dropped }: { readonly dropped: Preview['dropped'] }) {
  return (
    <section className="diff-group diff-removed" aria-labelledby="dropped-rules">
      <h4 id="dropped-rules">Dropped ({formatCount(dropped.length)})</h4>
      <p className="hint">These rules do not compile and are left out of the pack.</p>
      <ul className="diff-rules">
        {dropped.map((d, i) => (
          <li key={i}>
            <span className="mono">
              <SafeText value={d.rule ?? '(whole file)'} max={128} />
            </span>{' '}
            <small className="muted mono">
              <SafeText value={`${d.file}${d.line === null ? '' : `:${d.line}`}`} max={300} />
            </small>{' '}
            — <SafeText value={d.reason} max={500} />
          </li>
        ))}
      </ul>
    </section>
  )
}
