import type { RuleDiagnostic } from '../../../main/core/model/rules'
import { SafeText } from '../../components/SafeText'
import type { LiveDiagnostics } from './rule-editor-diagnostics'
import { sortDiagnostics } from './rule-editor-diagnostics'

/** Props of {@link RuleEditorDiagnostics}. */
export interface RuleEditorDiagnosticsProps {
  readonly live: LiveDiagnostics
  /** Put the caret on the diagnostic's line and column. */
  readonly onSelect: (diagnostic: RuleDiagnostic) => void
}

/**
 * The yara-x diagnostics of the editor's text: errors, then warnings in a list of their own,
 * each `line:column code message`; a click puts the caret there.
 */
export function RuleEditorDiagnostics({ live, onSelect }: RuleEditorDiagnosticsProps) {
  const sorted = sortDiagnostics(live.diagnostics)
  const errors = sorted.filter((d) => d.severity === 'error')
  const warnings = sorted.filter((d) => d.severity === 'warning')
  return (
    <section className="rule-editor-diagnostics" aria-label="Diagnostics">
      <p className="muted" role="status">
        {live.isPending
          ? 'Checking…'
          : errors.length === 0 && warnings.length === 0
            ? 'No errors or warnings.'
            : `${count(errors.length, 'error')}, ${count(warnings.length, 'warning')}.`}
      </p>
      {errors.length > 0 && <DiagnosticList label="Errors" items={errors} onSelect={onSelect} />}
      {warnings.length > 0 && (
        <DiagnosticList label="Warnings" items={warnings} onSelect={onSelect} />
      )}
    </section>
  )
}

function DiagnosticList(props: {
  readonly label: string
  readonly items: readonly RuleDiagnostic[]
  readonly onSelect: (diagnostic: RuleDiagnostic) => void
}) {
  return (
    <>
      <h4>{props.label}</h4>
      <ul className="diagnostic-list" aria-label={props.label}>
        {props.items.map((d, i) => (
          <li key={i} className={`diagnostic diagnostic-${d.severity}`}>
            <button
              type="button"
              className="link-button"
              disabled={d.line === null}
              onClick={() => {
                props.onSelect(d)
              }}
            >
              <span className="mono">{d.line === null ? '—' : `${d.line}:${d.column ?? 1}`}</span>{' '}
              <span className="mono diagnostic-code">
                <SafeText value={d.code} max={40} />
              </span>{' '}
              <SafeText value={d.message} max={500} />
              {d.rule !== undefined && (
                <span className="muted">
                  {' '}
                  (rule <SafeText value={d.rule} max={128} />)
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </>
  )
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
