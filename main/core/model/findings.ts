import type { EntryMetadata } from './evidence'
import type { TlpLevel } from './tlp'
import type { FindingSuppression, RuleState, SupersededReason } from './rule-states'

/** Triage states of a finding (Autopsy's review status, plus "benign"). */
export const TRIAGE_STATUSES = [
  'new',
  'needs-review',
  'confirmed',
  'false-positive',
  'benign',
] as const

/** One of {@link TRIAGE_STATUSES}. */
export type TriageStatus = (typeof TRIAGE_STATUSES)[number]

/** A row of the findings table. */
export interface FindingRow {
  readonly id: number
  readonly scanId: number
  readonly ruleName: string
  readonly ruleNamespace: string
  readonly packName: string
  readonly packVersion: string
  readonly score: number
  readonly triageStatus: TriageStatus
  /** The finding's own TLP; null: the case default (its file or rule pack may restrict more). */
  readonly tlp: TlpLevel | null
  readonly evidenceLabel: string
  /**
   * Inside an image: the volume and file system (`volume 1 (FAT32 LBA) › fat32 "DATA"`), so the
   * full place reads `evidence › volume › file system › path`; null for host files.
   */
  readonly location: string | null
  readonly path: string
  /** A deleted file, recovered from unallocated clusters. */
  readonly deleted: boolean
  /** A block of unallocated space rather than a file. */
  readonly unallocated: boolean
  readonly mime: string | null
  readonly fileType: string | null
  readonly sha256: string | null
  readonly sizeBytes: number
  readonly matchCount: number
  /** The rule's state in this case when the finding was recorded: `testing`, or null. */
  readonly ruleState: RuleState | null
  /** The suppression that made this finding a known false positive, or null. */
  readonly suppression: FindingSuppression | null
  /** Set when a later version of the rule's pack removed the rule or changed its logic. */
  readonly superseded: SupersededReason | null
  /** The analyst's tags on this finding (`finding_tags`), sorted. */
  readonly tags: readonly string[]
}

/** Columns the findings table can sort by. */
export const FINDING_SORT_COLUMNS = [
  'score',
  'rule',
  'path',
  'type',
  'matches',
  'id',
  'triage',
  'evidence',
  'size',
  'pack',
] as const

/** One of {@link FINDING_SORT_COLUMNS}. */
export type FindingSortColumn = (typeof FINDING_SORT_COLUMNS)[number]

/** A page of findings with the total that matched the filter. */
export interface FindingPage {
  readonly total: number
  readonly rows: readonly FindingRow[]
}

/** One matched string of a finding. */
export interface MatchView {
  readonly identifier: string
  /** Offset of the match in the file, in bytes. */
  readonly offset: number
  readonly length: number
  /** The first bytes of the match, as lower-case hex (the excerpt is capped; see `truncated`). */
  readonly excerptHex: string
  readonly truncated: boolean
  /** Offset of the match in the image (image evidence only). */
  readonly imageOffset: number | null
}

/** Times of a file, as UTC ISO-8601 strings with nanoseconds, or null where unknown. */
export interface FileTimes {
  readonly modified: string | null
  readonly accessed: string | null
  readonly changed: string | null
  readonly born: string | null
}

/** Everything the finding detail view shows. */
export interface FindingDetail {
  readonly finding: FindingRow
  readonly rule: {
    readonly name: string
    readonly namespace: string
    readonly ruleId: string | null
    readonly packName: string
    readonly packVersion: string
    readonly description: string | null
    readonly author: string | null
    readonly tags: readonly string[]
    readonly meta: Readonly<Record<string, string | number | boolean>>
    /** The rule's self-contained source (schema v5); null for rules recorded before it. */
    readonly source: string | null
  }
  readonly file: {
    /** `files.id`: what `files:read` and `findings:related` take. */
    readonly id: number
    readonly path: string
    readonly evidenceLabel: string
    readonly sizeBytes: number
    readonly md5: string | null
    readonly sha1: string | null
    readonly sha256: string | null
    readonly mime: string | null
    readonly fileType: string | null
    readonly entropy: number | null
    readonly owner: string | null
    readonly times: FileTimes
    /** How to read the times (e.g. FAT local time read as UTC); null when they are plain UTC. */
    readonly timeNote: string | null
    /** Inode, MFT entry or directory-entry id inside an image. */
    readonly inode: string | null
    /** Offset of the file's first byte in the image. */
    readonly imageOffset: number | null
    readonly metadata: EntryMetadata
  }
  readonly matches: readonly MatchView[]
  /** Matches the database holds beyond those listed (the list is capped). */
  readonly moreMatches: number
}
