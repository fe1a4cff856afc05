import type { CoverageSummary } from './coverage'
import type { Evidence } from './evidence'
import type { TriageStatus } from './findings'
import type { ScanStatus } from './scan'

/** The score bands of the Case home chart, lowest first (bounds inclusive). */
export const SCORE_BANDS = [
  { min: 0, max: 24 },
  { min: 25, max: 49 },
  { min: 50, max: 74 },
  { min: 75, max: 100 },
] as const

/** How many findings fall in one score band. */
export interface ScoreBandCount {
  readonly min: number
  readonly max: number
  readonly count: number
}

/**
 * One rule of the "top rules" chart: counted by namespace and name over every scan, so the same
 * rule in two versions of its pack is one bar; `ruleIds` are all its `rules.id` rows.
 */
export interface RuleCount {
  readonly namespace: string
  readonly name: string
  readonly packName: string
  readonly ruleIds: readonly number[]
  readonly count: number
}

/** A scan as the Case home lists it. */
export interface ScanOverview {
  readonly id: number
  readonly kind: 'scan' | 'retro-hunt'
  readonly status: ScanStatus
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly packs: readonly { readonly name: string; readonly version: string }[]
  readonly filesScanned: number
  /** Files not fully scanned, per coverage reason. */
  readonly coverageGaps: CoverageSummary
  readonly findingCount: number
}

/** Everything the Case home shows, in one answer (`case:overview`). */
export interface CaseOverview {
  readonly evidence: readonly Evidence[]
  /** Newest first. */
  readonly scans: readonly ScanOverview[]
  readonly findings: {
    /** Findings over every scan of the case. */
    readonly total: number
    readonly scoreBands: readonly ScoreBandCount[]
    /** The ten rules with the most findings over every scan, most first. */
    readonly topRules: readonly RuleCount[]
    /** Findings per triage status (every status present, zero when none). */
    readonly triage: Readonly<Record<TriageStatus, number>>
  }
}
