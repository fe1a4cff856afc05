import type { CoverageSummary } from './coverage'

/** Life cycle of a scan row. `interrupted` = the process running it died before it finished. */
export type ScanStatus = 'running' | 'completed' | 'cancelled' | 'interrupted' | 'failed'

/** The explicit, recorded limits of a scan (every scan row stores the ones it ran with). */
export interface ScanLimits {
  /** Content above this size is scanned in overlapping blocks (coverage `block-mode`). */
  readonly maxFileBytes: number
  /** yara-x's own per-file timeout, in milliseconds (the engine rounds up to whole seconds). */
  readonly engineTimeoutMs: number
  /** Hard deadline after which the scan process is killed and restarted. */
  readonly hardDeadlineMs: number
  /** yara-x's cap on matches per pattern: counts such as `#a` saturate at it. */
  readonly matchCapPerPattern: number
  /** Bytes of each match kept in the case database (the hex view re-reads the evidence). */
  readonly excerptBytes: number
  /** Scan processes run at once. */
  readonly processes: number
}

/** A scan as the UI and CLI list it. */
export interface ScanSummary {
  readonly id: number
  readonly uuid: string
  readonly status: ScanStatus
  /** A scan, or a retro-hunt (a pack update's new and changed rules over content in the case). */
  readonly kind: 'scan' | 'retro-hunt'
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly evidenceIds: readonly number[]
  readonly packs: readonly { readonly name: string; readonly version: string }[]
  readonly ruleSetSha256: string
  readonly ruleCount: number
  readonly engine: string
  readonly limits: ScanLimits
  readonly filesScanned: number
  readonly bytesScanned: number
  readonly findingCount: number
  readonly coverage: CoverageSummary
  readonly error: string | null
}

/** A live progress report, pushed as the `scan:progress` event. */
export interface ScanProgress {
  readonly scanId: number
  readonly phase: 'compiling' | 'scanning' | 'paused' | 'finishing' | 'done'
  readonly filesDone: number
  /** Files found so far; final once `walkComplete`. */
  readonly filesTotal: number
  readonly walkComplete: boolean
  readonly bytesDone: number
  readonly bytesTotal: number
  readonly findings: number
  readonly filesPerSecond: number
  readonly bytesPerSecond: number
  /** Seconds left, once the walk is complete and a rate is known. */
  readonly etaSeconds: number | null
  readonly status: ScanStatus
}

/** What a retro-hunt did after a pack update. */
export interface RetroHuntResult {
  /** The new and changed rules it runs (empty: nothing to rescan). */
  readonly rules: readonly string[]
  /** Findings of earlier versions marked superseded. */
  readonly superseded: { readonly removed: number; readonly logicChanged: number }
  /** The retro-hunt scan, running in the background; null when there was nothing to run. */
  readonly scan: ScanSummary | null
}
