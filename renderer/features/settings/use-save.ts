import { useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { Result } from '../../../main/ipc/contract'

/** What {@link useSave} hands back. */
export interface SaveState {
  readonly isBusy: boolean
  readonly error: ErrorInfo | undefined
  /** A short confirmation after the last save ("Saved."), for a live region. */
  readonly message: string
  run<T>(
    call: () => Promise<Result<T>>,
    onSaved: (value: T) => void,
    message?: string,
  ): Promise<void>
  /** Show a problem found before calling main (a value out of range). */
  refuse(error: ErrorInfo): void
}

/**
 * One settings form's save: busy while main answers, the error if it refused, a confirmation
 * otherwise.
 */
export function useSave(): SaveState {
  const [isBusy, setIsBusy] = useState(false)
  const [error, setError] = useState<ErrorInfo>()
  const [message, setMessage] = useState('')
  return {
    isBusy,
    error,
    message,
    async run(call, onSaved, saved = 'Saved.') {
      setIsBusy(true)
      setError(undefined)
      setMessage('')
      const result = await call()
      setIsBusy(false)
      if (!result.ok) {
        setError(result.error)
        return
      }
      setMessage(saved)
      onSaved(result.value)
    },
    refuse(problem) {
      setMessage('')
      setError(problem)
    },
  }
}
