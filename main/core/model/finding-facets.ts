import type { TlpLevel } from './tlp'
import type { TriageStatus } from './findings'

/** How many values each facet of the findings filter lists (the most frequent first). */
export const FACET_CAP = 200

/** One value of a facet and how many findings (under the other filters) have it. */
export interface FacetCount<T> {
  readonly value: T
  readonly count: number
}

/** A rule the findings filter offers. */
export interface RuleFacet {
  readonly id: number
  readonly namespace: string
  readonly name: string
  readonly count: number
}

/** An evidence item the findings filter offers. */
export interface EvidenceFacet {
  readonly id: number
  readonly label: string
  readonly count: number
}

/**
 * The values the findings filter bar offers, with counts. Each facet is counted under every
 * other filter but its own (so picking one rule still lists the other rules to add).
 */
export interface FindingFacets {
  readonly rules: readonly RuleFacet[]
  readonly packs: readonly FacetCount<string>[]
  readonly tags: readonly FacetCount<string>[]
  readonly triage: readonly FacetCount<TriageStatus>[]
  /** 'default': findings without their own TLP (the case default applies). */
  readonly tlp: readonly FacetCount<TlpLevel | 'default'>[]
  readonly evidence: readonly EvidenceFacet[]
  /** MIME types; '' stands for "unknown". */
  readonly fileTypes: readonly FacetCount<string>[]
}

/** What the findings table can group by. */
export const FINDING_GROUP_BY = ['rule', 'file'] as const

/** One of {@link FINDING_GROUP_BY}. */
export type FindingGroupBy = (typeof FINDING_GROUP_BY)[number]

/** How groups can be sorted. */
export const FINDING_GROUP_SORTS = ['count', 'maxScore', 'label'] as const

/** One of {@link FINDING_GROUP_SORTS}. */
export type FindingGroupSort = (typeof FINDING_GROUP_SORTS)[number]

/** A group of findings: one rule's or one file's. */
export interface FindingGroup {
  /** `rule:<id>` or `file:<id>`: unique in a page. */
  readonly key: string
  /** `namespace:name` of the rule, or the file's path. */
  readonly label: string
  /** The pack of a rule group, or the evidence label of a file group. */
  readonly detail: string
  readonly count: number
  readonly maxScore: number
  readonly ruleId?: number
  readonly fileId?: number
}

/** A page of groups and how many groups matched. */
export interface FindingGroupPage {
  readonly total: number
  readonly groups: readonly FindingGroup[]
}

/** The ids of every finding that matched (at most the cap). */
export interface FindingIdList {
  readonly total: number
  readonly ids: readonly number[]
  /** True when more findings matched than were returned. */
  readonly truncated: boolean
}
