import { useEffect, useState } from 'react'
import type { InvokeChannel } from '../../main/ipc/channels'
import type { ChannelInput, ChannelOutput, Result } from '../../main/ipc/contract'
import { invoke } from './api'

/** What {@link useInvoke} hands back. */
export interface InvokeState<T> {
  /** The latest envelope (kept while a newer request is loading, so tables do not flash). */
  readonly result: Result<T> | undefined
  /** True while the request for the current input has not answered yet. */
  readonly isLoading: boolean
}

/**
 * Call a channel when the component mounts and again whenever the input or `refresh` changes.
 *
 * The input and `refresh` (any JSON value: a counter, a list of counters) are compared by value,
 * so callers may pass literals. Answers to superseded requests are dropped.
 */
export function useInvoke<C extends InvokeChannel>(
  channel: C,
  input: ChannelInput<C> | undefined,
  refresh: unknown = 0,
  /** False: do not call (yet); the last answer stays. */
  enabled = true,
): InvokeState<ChannelOutput<C>> {
  const key = JSON.stringify([channel, input ?? null, refresh])
  const [state, setState] = useState<{ key: string; result: Result<ChannelOutput<C>> }>()

  useEffect(() => {
    if (!enabled) return
    let isCurrent = true
    const [sentChannel, sentInput] = JSON.parse(key) as [C, ChannelInput<C> | null]
    const call = invoke as (c: C, i?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    void call(sentChannel, sentInput ?? undefined).then((result) => {
      if (isCurrent) setState({ key, result })
    })
    return () => {
      isCurrent = false
    }
  }, [key, enabled])

  return { result: state?.result, isLoading: state?.key !== key }
}
