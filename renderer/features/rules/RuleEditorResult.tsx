import type { RuleTestResult } from '../../../main/core/model/rule-editor'
import { SafeText } from '../../components/SafeText'
import { ScrollRegion } from '../../components/ScrollRegion'

/** Props of {@link RuleEditorResult}. */
export interface RuleEditorResultProps {
  readonly result: RuleTestResult
}

/** What a test on one file found: the matching rules, then every match with its bytes. */
export function RuleEditorResult({ result }: RuleEditorResultProps) {
  return (
    <section className="rule-test-result" aria-label="Test result">
      <p role="status">
        {result.rules.length === 0 ? 'No rule matched' : `${result.rules.length} rule(s) matched`}{' '}
        file {result.fileId} (<SafeText value={result.path} max={300} />,{' '}
        {result.sizeBytes.toLocaleString('en-US')} bytes) in {result.elapsedMs} ms.
      </p>
      {result.rules.length > 0 && (
        <p>
          Rules:{' '}
          {result.rules.map((rule, i) => (
            <span key={i} className="mono">
              {i > 0 && ', '}
              <SafeText value={rule} max={128} />
            </span>
          ))}
        </p>
      )}
      {result.matches.length > 0 && (
        <ScrollRegion label="Test matches">
          <table className="data-table" aria-label="Matches">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Pattern</th>
                <th scope="col">Offset</th>
                <th scope="col">Length</th>
                <th scope="col">Bytes (hex)</th>
                <th scope="col">ASCII</th>
              </tr>
            </thead>
            <tbody>
              {result.matches.map((m, i) => (
                <tr key={i}>
                  <td className="mono">
                    <SafeText value={m.rule} max={128} />
                  </td>
                  <td className="mono">
                    <SafeText value={m.identifier} max={128} />
                  </td>
                  <td className="mono">
                    {m.offset} (0x{m.offset.toString(16)})
                  </td>
                  <td className="mono">{m.length}</td>
                  <td className="mono excerpt-hex">
                    <SafeText value={spacedHex(m.excerptHex)} max={200} />
                  </td>
                  <td className="mono">
                    <SafeText value={m.excerptAscii} max={100} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  )
}

/** `4d5a90` → `4d 5a 90`. */
function spacedHex(hex: string): string {
  return (hex.match(/../g) ?? []).join(' ')
}
