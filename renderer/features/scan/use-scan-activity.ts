import { useCallback, useEffect, useReducer } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { ScanProgress, ScanSummary } from '../../../main/core/model/scan'
import { invoke, on } from '../../lib/api'
import { assertNever } from '../../lib/assert-never'

/** The live state of scanning in the open case. */
export interface ScanActivity {
  /** The latest progress of the running (or last watched) scan. */
  readonly progress: ScanProgress | null
  /** The last scan that finished while this window watched. */
  readonly finished: ScanSummary | null
  /** Counts `scan:finished` events: lists that depend on scan results refresh when it changes. */
  readonly revision: number
  /** True while a scan is running. */
  readonly isRunning: boolean
  /** Why the running scan could not be restored (`scan:active` failed). */
  readonly restoreError: ErrorInfo | null
  /** Tell the activity about a scan `scan:start` just returned. */
  readonly started: (scan: ScanSummary) => void
}

interface State {
  readonly progress: ScanProgress | null
  readonly finished: ScanSummary | null
  readonly revision: number
  readonly restoreError: ErrorInfo | null
}

type Action =
  | { readonly type: 'restored'; readonly progress: ScanProgress | null }
  | { readonly type: 'restore-failed'; readonly error: ErrorInfo }
  | { readonly type: 'progress'; readonly progress: ScanProgress }
  | { readonly type: 'finished'; readonly scan: ScanSummary }
  | { readonly type: 'started'; readonly scan: ScanSummary }

const INITIAL: State = { progress: null, finished: null, revision: 0, restoreError: null }

/**
 * The progress to show for a scan `scan:start` just returned, before its first event.
 */
export function progressFromSummary(scan: ScanSummary): ScanProgress {
  return {
    scanId: scan.id,
    phase: 'compiling',
    filesDone: scan.filesScanned,
    filesTotal: 0,
    walkComplete: false,
    bytesDone: scan.bytesScanned,
    bytesTotal: 0,
    findings: scan.findingCount,
    filesPerSecond: 0,
    bytesPerSecond: 0,
    etaSeconds: null,
    status: scan.status,
  }
}

// Events can overtake the answer to `scan:start` or `scan:active` (a tiny scan may finish before
// its start call returns): an answer never replaces what an event already said about that scan.
function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'restored':
      if (action.progress === null || state.progress !== null) return state
      if (state.finished?.id === action.progress.scanId) return state
      return { ...state, progress: action.progress }
    case 'restore-failed':
      return { ...state, restoreError: action.error }
    case 'progress':
      if (state.finished?.id === action.progress.scanId) return state
      return { ...state, progress: action.progress }
    case 'finished':
      return { ...state, finished: action.scan, revision: state.revision + 1 }
    case 'started':
      if (state.progress?.scanId === action.scan.id || state.finished?.id === action.scan.id) {
        return state
      }
      return { ...state, progress: progressFromSummary(action.scan) }
    default:
      return assertNever(action, 'scan action')
  }
}

/**
 * Follow the case's scans: restore a running scan (`scan:active`), then follow `scan:progress`
 * and `scan:finished` for as long as the workbench is open.
 */
export function useScanActivity(): ScanActivity {
  const [state, dispatch] = useReducer(reduce, INITIAL)

  useEffect(() => {
    let isCurrent = true
    const stopProgress = on('scan:progress', (progress) => {
      dispatch({ type: 'progress', progress })
    })
    const stopFinished = on('scan:finished', (scan) => {
      dispatch({ type: 'finished', scan })
    })
    void invoke('scan:active').then((active) => {
      if (!isCurrent) return
      if (active.ok) dispatch({ type: 'restored', progress: active.value })
      else dispatch({ type: 'restore-failed', error: active.error })
    })
    return () => {
      isCurrent = false
      stopProgress()
      stopFinished()
    }
  }, [])

  const started = useCallback((scan: ScanSummary) => {
    dispatch({ type: 'started', scan })
  }, [])

  const { progress, finished } = state
  const isRunning =
    progress !== null &&
    progress.status === 'running' &&
    progress.phase !== 'done' &&
    finished?.id !== progress.scanId
  return { ...state, isRunning, started }
}
