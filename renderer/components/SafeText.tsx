import { escapeTextSegments, truncateText } from '../lib/text'

/** Props of {@link SafeText}. */
export interface SafeTextProps {
  /** Untrusted text: a path, a label, rule meta, an error message quoting a path … */
  readonly value: string | null | undefined
  /** Cut the text after this many characters (table cells); the rest is counted, not shown. */
  readonly max?: number
  /** What to show for null, undefined or the empty string. */
  readonly fallback?: string
}

/**
 * Untrusted text rendered as text, with every control, bidi and invisible character shown as
 * its escape (`\u202E`, `\x00`) in a distinct style.
 *
 * React already escapes markup; this adds what React does not: an RLO in a file name cannot
 * reorder what the analyst reads, and a NUL or newline cannot hide the rest of a path.
 */
export function SafeText({ value, max, fallback = '—' }: SafeTextProps) {
  if (value === null || value === undefined || value === '') {
    return <span className="muted">{fallback}</span>
  }
  const { text, omitted } =
    max === undefined ? { text: value, omitted: 0 } : truncateText(value, max)
  return (
    <span className="safe-text">
      {escapeTextSegments(text).map((segment, i) =>
        segment.kind === 'escape' ? (
          <span key={i} className="esc">
            {segment.text}
          </span>
        ) : (
          segment.text
        ),
      )}
      {omitted > 0 && (
        <span className="omitted"> … (+{omitted.toLocaleString('en-US')} characters)</span>
      )}
    </span>
  )
}
