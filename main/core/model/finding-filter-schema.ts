import { z } from 'zod'
import { FINDING_GROUP_BY, FINDING_GROUP_SORTS } from './finding-facets'
import { FINDING_SORT_COLUMNS, TRIAGE_STATUSES } from './findings'
import { TLP_LEVELS } from './tlp'

const id = z.number().int().positive()
const score = z.number().int().min(0).max(100)
/** A list filter holds what a person picks in a filter bar: a few hundred values at most. */
const MAX_FILTER_VALUES = 1000

/**
 * The findings filter of `findings:list`, `findings:facets`, `findings:groups` and
 * `findings:ids`: every value reaches SQL only as a bound parameter (findings-filter-sql.ts).
 */
export const FINDING_FILTER_SHAPE = {
  /** One scan; without it, the latest scan — or every scan with `allScans: true`. */
  scanId: id.optional(),
  allScans: z.boolean().optional(),
  minScore: score.optional(),
  maxScore: score.optional(),
  text: z.string().max(500).optional(),
  triage: z.array(z.enum(TRIAGE_STATUSES)).max(TRIAGE_STATUSES.length).optional(),
  hideSuppressed: z.boolean().optional(),
  ruleIds: z.array(id).max(MAX_FILTER_VALUES).optional(),
  packNames: z.array(z.string().min(1).max(200)).max(MAX_FILTER_VALUES).optional(),
  tags: z.array(z.string().min(1).max(200)).max(MAX_FILTER_VALUES).optional(),
  tlp: z
    .array(z.enum([...TLP_LEVELS, 'default']))
    .max(TLP_LEVELS.length + 1)
    .optional(),
  evidenceIds: z.array(id).max(MAX_FILTER_VALUES).optional(),
  pathPrefix: z.string().max(4096).optional(),
  fileTypes: z.array(z.string().max(200)).max(MAX_FILTER_VALUES).optional(),
  fileId: id.optional(),
}

const direction = z.enum(['asc', 'desc'])

/** `findings:list`: the filter, a sort and a range of rows. */
export const FINDINGS_LIST_SCHEMA = z
  .object({
    ...FINDING_FILTER_SHAPE,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    sort: z.enum(FINDING_SORT_COLUMNS).default('score'),
    direction: direction.default('desc'),
  })
  .strict()

/** `findings:facets` and `findings:ids`: the filter alone. */
export const FINDINGS_FILTER_SCHEMA = z.object(FINDING_FILTER_SHAPE).strict()

/** `findings:groups`: the filter, what to group by, and a page of groups. */
export const FINDINGS_GROUPS_SCHEMA = z
  .object({
    ...FINDING_FILTER_SHAPE,
    by: z.enum(FINDING_GROUP_BY),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
    sort: z.enum(FINDING_GROUP_SORTS).default('count'),
    direction: direction.default('desc'),
  })
  .strict()
