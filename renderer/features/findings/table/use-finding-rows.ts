import { useCallback, useEffect, useRef, useState } from 'react'
import type { FindingRow } from '../../../../main/core/model/findings'
import type { ChannelInput } from '../../../../main/ipc/contract'
import type { ErrorInfo } from '../../../../main/core/model/errors'
import { invoke } from '../../../lib/api'
import { blocksOf } from '../../../lib/virtual-rows'
import type { RowWindow } from '../../../lib/virtual-rows'

/** Rows fetched per request. */
export const ROW_BLOCK = 200

/** The list input without the range: the query whose rows are cached. */
export type RowsQuery = Omit<ChannelInput<'findings:list'>, 'offset' | 'limit'>

/** The rows of a query, fetched by block as they come into view. */
export interface FindingRows {
  /** Undefined until the first block answers. */
  readonly total: number | undefined
  readonly error: ErrorInfo | undefined
  /** The row at an index, or undefined while its block loads. */
  readonly rowAt: (index: number) => FindingRow | undefined
  /** Fetch the blocks a window needs (cached blocks are not fetched again). */
  readonly ensure: (window: RowWindow) => void
  /** Fetch the shown blocks again (after a triage change), keeping rows on screen meanwhile. */
  readonly refresh: () => void
}

/**
 * Range-paged rows of `findings:list`: blocks of {@link ROW_BLOCK} cached per query and dropped
 * when the query (or `revision`) changes; answers to an older query are ignored.
 */
export function useFindingRows(query: RowsQuery, revision: number): FindingRows {
  const key = JSON.stringify(query)
  const generation = useRef(0)
  const blocks = useRef(new Map<number, readonly FindingRow[]>())
  /** Rows of the previous fetch of the same query, shown until a refresh answers. */
  const stale = useRef(new Map<number, readonly FindingRow[]>())
  const pending = useRef(new Set<number>())
  const lastWindow = useRef<RowWindow>({ start: 0, end: 1 })
  const queryRef = useRef(query)
  const [total, setTotal] = useState<number>()
  const [error, setError] = useState<ErrorInfo>()
  const [, setVersion] = useState(0)

  const fetchBlock = useCallback((block: number) => {
    if (blocks.current.has(block) || pending.current.has(block)) return
    pending.current.add(block)
    const asked = generation.current
    void invoke('findings:list', {
      ...queryRef.current,
      offset: block * ROW_BLOCK,
      limit: ROW_BLOCK,
    }).then((result) => {
      if (asked !== generation.current) return // a newer query or refresh owns the cache now
      pending.current.delete(block)
      if (!result.ok) {
        setError(result.error)
        return
      }
      blocks.current.set(block, result.value.rows)
      stale.current.delete(block)
      setError(undefined)
      setTotal(result.value.total)
      setVersion((v) => v + 1)
    })
  }, [])

  const ensure = useCallback(
    (window: RowWindow) => {
      lastWindow.current = window
      for (const block of blocksOf(window, ROW_BLOCK)) fetchBlock(block)
    },
    [fetchBlock],
  )

  const restart = useCallback(
    (keepRows: boolean) => {
      generation.current += 1
      stale.current = keepRows
        ? new Map<number, readonly FindingRow[]>([...stale.current, ...blocks.current])
        : new Map<number, readonly FindingRow[]>()
      blocks.current = new Map()
      pending.current = new Set()
      ensure(keepRows ? lastWindow.current : { start: 0, end: 1 })
    },
    [ensure],
  )

  useEffect(() => {
    // A new query starts empty (FindingsList is also remounted per query); a new revision
    // (a scan finished) keeps the rows on screen until the fresh ones answer.
    const isNewQuery = JSON.stringify(queryRef.current) !== key
    queryRef.current = JSON.parse(key) as RowsQuery
    restart(!isNewQuery)
  }, [key, revision, restart])

  const rowAt = useCallback((index: number) => {
    const block = Math.floor(index / ROW_BLOCK)
    const rows = blocks.current.get(block) ?? stale.current.get(block)
    return rows?.[index - block * ROW_BLOCK]
  }, [])

  const refresh = useCallback(() => {
    restart(true)
  }, [restart])

  return { total, error, rowAt, ensure, refresh }
}
