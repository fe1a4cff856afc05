import { useLayoutEffect, useMemo, useRef } from 'react'
import type { KeyboardEvent } from 'react'
import type { RuleDiagnostic } from '../../../main/core/model/rules'
import { ErrorNotice } from '../../components/ErrorNotice'
import type { LiveDiagnostics } from './rule-editor-diagnostics'
import { offsetOf } from './rule-editor-diagnostics'
import { tokenizeYara, tokensByLine } from './rule-editor-tokens'
import { RuleEditorDiagnostics } from './RuleEditorDiagnostics'

/** Line height of the editor in pixels: `.rule-editor` in rule-editor.css uses the same. */
const LINE_HEIGHT_PX = 20

/** Props of {@link RuleEditor}. */
export interface RuleEditorProps {
  readonly value: string
  readonly onChange: (value: string) => void
  readonly live: LiveDiagnostics
  /** Ctrl+S (or Cmd+S). */
  readonly onSave?: () => void
  /** Ctrl+Enter (or Cmd+Enter). */
  readonly onTest?: () => void
}

/**
 * A YARA code editor: a plain textarea (the text, the caret, undo) over a highlighted copy of the
 * same text kept in step on every keystroke and scroll, with line numbers and the yara-x
 * diagnostics marked in the gutter and under their line. Every piece of text is rendered as a
 * React text node: a rule quoting markup shows the markup.
 *
 * Tab inserts two spaces; Escape then Tab leaves the editor (keyboard users are not trapped).
 */
export function RuleEditor({ value, onChange, live, onSave, onTest }: RuleEditorProps) {
  const input = useRef<HTMLTextAreaElement>(null)
  const highlight = useRef<HTMLPreElement>(null)
  const gutter = useRef<HTMLDivElement>(null)
  const pendingCaret = useRef<number | null>(null)
  const tabLeaves = useRef(false)
  const lines = useMemo(() => tokensByLine(tokenizeYara(value)), [value])
  const marks = useMemo(() => lineMarks(live.diagnostics), [live.diagnostics])

  useLayoutEffect(() => {
    const caret = pendingCaret.current
    if (caret === null || input.current === null) return
    pendingCaret.current = null
    input.current.setSelectionRange(caret, caret)
  }, [value])

  function syncScroll() {
    const area = input.current
    if (area === null) return
    if (highlight.current) {
      highlight.current.scrollTop = area.scrollTop
      highlight.current.scrollLeft = area.scrollLeft
    }
    if (gutter.current) gutter.current.scrollTop = area.scrollTop
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const area = event.currentTarget
    const mod = event.ctrlKey || event.metaKey
    if (mod && event.key.toLowerCase() === 's') {
      event.preventDefault()
      onSave?.()
    } else if (mod && event.key === 'Enter') {
      event.preventDefault()
      onTest?.()
    } else if (event.key === 'Escape') {
      tabLeaves.current = true
    } else if (event.key === 'Tab' && !event.shiftKey && !tabLeaves.current && !mod) {
      event.preventDefault()
      const { selectionStart, selectionEnd } = area
      pendingCaret.current = selectionStart + 2
      onChange(`${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`)
    } else {
      tabLeaves.current = false
    }
  }

  function goTo(diagnostic: RuleDiagnostic) {
    const area = input.current
    if (area === null || diagnostic.line === null) return
    const at = offsetOf(value, diagnostic.line, diagnostic.column ?? 1)
    area.focus()
    area.setSelectionRange(at, at)
    area.scrollTop = Math.max(0, (diagnostic.line - 3) * LINE_HEIGHT_PX)
    syncScroll()
  }

  return (
    <div className="rule-editor">
      <div className="rule-editor-frame">
        <div className="rule-editor-gutter" ref={gutter} aria-hidden="true">
          {lines.map((_, i) => {
            const mark = marks.get(i + 1)
            return (
              <div key={i} className={mark ? `gutter-line gutter-${mark}` : 'gutter-line'}>
                {mark ? (mark === 'error' ? '✕ ' : '! ') : ''}
                {i + 1}
              </div>
            )
          })}
        </div>
        <div className="rule-editor-code">
          <pre className="rule-editor-highlight" ref={highlight} aria-hidden="true">
            <code>
              {lines.map((tokens, i) => {
                const mark = marks.get(i + 1)
                return (
                  <span key={i} className={mark ? `code-line code-line-${mark}` : 'code-line'}>
                    {tokens.map((token, j) =>
                      token.kind === 'plain' ? (
                        token.text
                      ) : (
                        <span key={j} className={`tok-${token.kind}`}>
                          {token.text}
                        </span>
                      ),
                    )}
                    {i < lines.length - 1 ? '\n' : ''}
                  </span>
                )
              })}
            </code>
          </pre>
          <textarea
            ref={input}
            className="rule-editor-input"
            aria-label="Rule source"
            value={value}
            wrap="off"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            onChange={(event) => {
              onChange(event.target.value)
            }}
            onScroll={syncScroll}
            onKeyDown={onKeyDown}
          />
        </div>
      </div>
      {live.error !== null && <ErrorNotice error={live.error} title="Could not check the rule" />}
      <RuleEditorDiagnostics live={live} onSelect={goTo} />
    </div>
  )
}

/** The worst severity on each line that has a diagnostic. */
function lineMarks(diagnostics: readonly RuleDiagnostic[]): Map<number, 'error' | 'warning'> {
  const marks = new Map<number, 'error' | 'warning'>()
  for (const d of diagnostics) {
    if (d.line === null) continue
    if (d.severity === 'error' || !marks.has(d.line)) marks.set(d.line, d.severity)
  }
  return marks
}
