import type { ExportResult, SigningKeyView } from '../../../main/core/model/sharing'
import { formatCount, formatSizeExact } from '../../lib/format'
import { escapeText } from '../../lib/text'
import { DetailList } from '../../components/DetailList'
import { SafeText } from '../../components/SafeText'
import { TlpBadge } from '../../components/TlpBadge'
import { REDACTION_PROFILES } from './export-draft'
import { verifyCommands } from './verify-hint'

function redactionLabel(redaction: string): string {
  return REDACTION_PROFILES.find((p) => p.value === redaction)?.label ?? redaction
}

/** Props of {@link ExportResultView}. */
export interface ExportResultViewProps {
  readonly result: ExportResult
  /** The key that signed it (for the partner's verification commands), when still listed. */
  readonly signingKey: SigningKeyView | undefined
}

/**
 * What an export wrote: the file, its size, the findings and rules in it, the key that signed
 * it, findings withheld for being above the bundle's TLP (prominent when any), and how the
 * partner checks the bundle.
 */
export function ExportResultView({ result, signingKey }: ExportResultViewProps) {
  return (
    <div className="notice notice-ok export-result">
      <strong className="notice-title">Bundle written</strong>
      {result.withheldAboveTlp > 0 && (
        <p className="notice notice-warning withheld">
          <strong>
            {formatCount(result.withheldAboveTlp)}{' '}
            {result.withheldAboveTlp === 1 ? 'finding' : 'findings'} withheld
          </strong>{' '}
          — marked above <TlpBadge level={result.tlp} />, left out of the bundle.
        </p>
      )}
      <DetailList
        items={[
          [
            'File',
            <code key="v" className="path">
              <SafeText value={result.zipPath} max={1000} />
            </code>,
          ],
          ['Size', formatSizeExact(result.sizeBytes)],
          ['TLP', <TlpBadge key="v" level={result.tlp} />],
          ['Redaction', <SafeText key="v" value={redactionLabel(result.redaction)} max={50} />],
          ['Findings', formatCount(result.findings)],
          ['Rules', formatCount(result.rules)],
          ['Withheld above TLP', formatCount(result.withheldAboveTlp)],
          ['Signed with key', <code key="v">{result.keyId}</code>],
          [
            'Signature',
            <code key="v" className="path">
              <SafeText value={result.signaturePath} max={1000} />
            </code>,
          ],
        ]}
      />
      <p className="hint">
        Send the ZIP and its <code>.minisig</code> file; give the key fingerprint by another
        channel. In Outpost the partner uses Partners → “Check a partner&apos;s bundle”; on the
        command line:
      </p>
      <pre className="commands">
        {verifyCommands(result.zipPath, signingKey?.publicKeyBase64 ?? null)
          .map(escapeText)
          .join('\n')}
      </pre>
    </div>
  )
}
