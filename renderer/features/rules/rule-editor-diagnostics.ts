import { useEffect, useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { RuleDiagnostic } from '../../../main/core/model/rules'
import { invoke } from '../../lib/api'

/** How long typing must pause before the text is sent for validation. */
export const VALIDATE_DELAY_MS = 300

/** The live diagnostics of the editor's text. */
export interface LiveDiagnostics {
  /** Diagnostics of the last text validated (kept while a newer one is waiting). */
  readonly diagnostics: readonly RuleDiagnostic[]
  /** Why the last validation could not run (engine missing, text too large). */
  readonly error: ErrorInfo | null
  /** True while the current text has not been validated yet. */
  readonly isPending: boolean
}

/**
 * Validate `source` in the main process (yara-x, the app's externals, includes off) once
 * typing pauses for {@link VALIDATE_DELAY_MS}; answers to older texts are dropped.
 */
export function useRuleDiagnostics(source: string, delayMs = VALIDATE_DELAY_MS): LiveDiagnostics {
  const [state, setState] = useState<{
    source: string | null
    diagnostics: readonly RuleDiagnostic[]
    error: ErrorInfo | null
  }>({ source: null, diagnostics: [], error: null })

  useEffect(() => {
    let isCurrent = true
    const timer = setTimeout(() => {
      if (source.trim() === '') {
        setState({ source, diagnostics: [], error: null })
        return
      }
      void invoke('rules:validateSource', { source }).then((result) => {
        if (!isCurrent) return
        setState(
          result.ok
            ? { source, diagnostics: result.value, error: null }
            : { source, diagnostics: [], error: result.error },
        )
      })
    }, delayMs)
    return () => {
      isCurrent = false
      clearTimeout(timer)
    }
  }, [source, delayMs])

  return {
    diagnostics: state.diagnostics,
    error: state.error,
    isPending: state.source !== source,
  }
}

/** Errors first, then warnings, each by line and column. */
export function sortDiagnostics(diagnostics: readonly RuleDiagnostic[]): RuleDiagnostic[] {
  const rank = (d: RuleDiagnostic) => (d.severity === 'error' ? 0 : 1)
  return [...diagnostics].sort(
    (a, b) =>
      rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  )
}

/** Character offset of `line` (1-based) and `column` (1-based) in `source`, clamped. */
export function offsetOf(source: string, line: number, column: number): number {
  let at = 0
  for (let l = 1; l < line; l += 1) {
    const next = source.indexOf('\n', at)
    if (next === -1) return source.length
    at = next + 1
  }
  const end = source.indexOf('\n', at)
  const lineEnd = end === -1 ? source.length : end
  return Math.min(at + Math.max(0, column - 1), lineEnd)
}
