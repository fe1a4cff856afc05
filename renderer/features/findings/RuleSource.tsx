import { useMemo } from 'react'
import { escapeText, escapeTextSegments } from '../../lib/text'
import type { Token } from '../rules/rule-editor-tokens'
import { sourceLines } from './rule-source-lines'

/** Props of {@link RuleSource}. */
export interface RuleSourceProps {
  /** The rule's self-contained source, or null for rules recorded before it was kept. */
  readonly source: string | null
  readonly ruleName: string
  /** The identifiers of the strings that matched (`$a`). */
  readonly matchedIdentifiers: readonly string[]
}

/**
 * The rule's source as text, coloured by token, with the lines defining the strings that
 * matched highlighted. The source comes from a rule pack: every piece is rendered as text, with
 * control and bidi characters shown as escapes.
 */
export function RuleSource({ source, ruleName, matchedIdentifiers }: RuleSourceProps) {
  const matched = useMemo(() => new Set(matchedIdentifiers), [matchedIdentifiers])
  const shown = useMemo(
    () => (source === null ? null : sourceLines(source, ruleName, matched)),
    [source, ruleName, matched],
  )
  if (shown === null)
    return (
      <p className="muted">
        The source of this rule was not kept (scanned before sources were stored); see its pack.
      </p>
    )
  const names = [...matched].sort()
  return (
    <>
      <p className="hint">
        {names.length === 0 ? 'No string matched (the condition alone did).' : 'Matched strings: '}
        {escapeText(names.join(', '))}
        {names.length > 0 && ' — their definitions are highlighted.'}
      </p>
      {/* Focusable, so a keyboard can scroll a long source (it is text, not a control). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <pre className="rule-source" tabIndex={0}>
        <code>
          {shown.lines.map((line, i) => (
            <span key={i} className={line.isMatched ? 'source-line matched' : 'source-line'}>
              {line.isMatched && <span className="visually-hidden">Matched: </span>}
              {line.tokens.map((token, j) => (
                <SourceToken key={j} token={token} />
              ))}
              {'\n'}
            </span>
          ))}
        </code>
      </pre>
      {shown.omitted > 0 && (
        <p className="hint">{shown.omitted.toLocaleString('en-US')} more lines are not shown.</p>
      )}
    </>
  )
}

function SourceToken({ token }: { token: Token }) {
  const text = escapeTextSegments(token.text).map((segment, i) =>
    segment.kind === 'escape' ? (
      <span key={i} className="esc">
        {segment.text}
      </span>
    ) : (
      segment.text
    ),
  )
  return token.kind === 'plain' ? <>{text}</> : <span className={`tok-${token.kind}`}>{text}</span>
}
