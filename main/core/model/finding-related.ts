import type { TriageStatus } from './findings'

/** Another file of the case with the same SHA-256 as a finding's file. */
export interface SameHashFile {
  readonly fileId: number
  readonly evidenceLabel: string
  /** Volume and file system inside an image (as `FindingRow.location`), or null. */
  readonly location: string | null
  readonly path: string
  /** Findings of that file in the finding's scan. */
  readonly findingCount: number
  /** The first (highest-scored) of them, what "open" shows; null when it has none. */
  readonly firstFindingId: number | null
}

/** Another finding of the same file, in the same scan. */
export interface SameFileFinding {
  readonly id: number
  readonly ruleName: string
  readonly ruleNamespace: string
  readonly packName: string
  readonly score: number
  readonly triageStatus: TriageStatus
  readonly matchCount: number
}

/** What `findings:related` returns: each list capped, with the full count beside it. */
export interface RelatedFindings {
  readonly sameHash: { readonly total: number; readonly items: readonly SameHashFile[] }
  readonly sameFile: { readonly total: number; readonly items: readonly SameFileFinding[] }
}
