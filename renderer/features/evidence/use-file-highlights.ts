import { useEffect, useState } from 'react'
import { invoke } from '../../lib/api'

/** A byte range to mark in the hex view: a match of one of the file's findings. */
export interface ByteHighlight {
  readonly offset: number
  readonly length: number
  readonly label: string
}

const NONE: readonly ByteHighlight[] = []

/** Findings whose matches are marked (the most severe first): enough to see, cheap to fetch. */
export const HIGHLIGHT_FINDINGS = 10

/**
 * The matches of the file's findings (of every scan), as hex view highlights; empty while
 * loading, when the file has none, or when they cannot be read (the bytes still show).
 */
export function useFileHighlights(fileId: number, findings: number): readonly ByteHighlight[] {
  const [state, setState] = useState<{ fileId: number; list: readonly ByteHighlight[] }>()
  useEffect(() => {
    if (findings === 0) return undefined
    const request = { isCurrent: true }
    void (async () => {
      const page = await invoke('findings:list', {
        fileId,
        allScans: true,
        limit: HIGHLIGHT_FINDINGS,
      })
      if (!page.ok) return
      const details = await Promise.all(
        page.value.rows.map((row) => invoke('findings:get', { findingId: row.id })),
      )
      const list = details.flatMap((d) =>
        d.ok
          ? d.value.matches.map((m) => ({
              offset: m.offset,
              length: m.length,
              label: `${d.value.finding.ruleName} ${m.identifier}`,
            }))
          : [],
      )
      if (request.isCurrent) setState({ fileId, list })
    })()
    return () => {
      request.isCurrent = false
    }
  }, [fileId, findings])
  return state?.fileId === fileId ? state.list : NONE
}
