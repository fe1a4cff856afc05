import type { FindingFacets } from '../../../../main/core/model/finding-facets'
import { installFakeBridge, ok } from '../../fake-bridge'
import type { FakeBridge, Responses } from '../../fake-bridge'
import { baseResponses, makeDetail, makeFindingRow } from '../../fixtures'

/** The `findings:list` input as the table sends it. */
export interface ListInput {
  readonly offset: number
  readonly limit: number
  readonly sort?: string
  readonly direction?: string
  readonly [filter: string]: unknown
}

/** Facets with one value each, for the filter pickers. */
export const FACETS: FindingFacets = {
  rules: [
    { id: 7, namespace: 'default', name: 'Rule_Seven', count: 40 },
    { id: 9, namespace: 'default', name: 'Rule_Nine', count: 2 },
  ],
  packs: [{ value: 'outpost-default', count: 42 }],
  tags: [{ value: 'ransomware', count: 3 }],
  triage: [{ value: 'new', count: 42 }],
  tlp: [{ value: 'default', count: 42 }],
  evidence: [{ id: 1, label: 'USB stick', count: 42 }],
  fileTypes: [{ value: 'text/plain', count: 42 }],
}

/**
 * A bridge serving `total` findings by range like main would (`Rule_<n>`, id n, for the
 * 0-based index n - 1), with facets, groups, ids and the triage channels scripted.
 */
export function bridgeWithFindings(total: number, extra: Responses = {}): FakeBridge {
  return installFakeBridge({
    ...baseResponses(),
    'findings:facets': { value: FACETS },
    'findings:list': (input) => {
      const { offset, limit } = input as ListInput
      const count = Math.max(0, Math.min(limit, total - offset))
      const rows = Array.from({ length: count }, (_, i) =>
        makeFindingRow({ id: offset + i + 1, ruleName: `Rule_${offset + i + 1}` }),
      )
      return ok({ total, rows })
    },
    'findings:get': (input) => {
      const { findingId } = input as { findingId: number }
      return ok(makeDetail({ finding: makeFindingRow({ id: findingId }) }))
    },
    'findings:ids': () => {
      const ids = Array.from({ length: Math.min(total, 100_000) }, (_, i) => i + 1)
      return ok({ total, ids, truncated: false })
    },
    'findings:setTriage': (input) =>
      ok({ changed: (input as { findingIds: number[] }).findingIds.length }),
    'findings:setTags': (input) =>
      ok({ changed: (input as { findingIds: number[] }).findingIds.length }),
    'findings:setTlp': (input) =>
      ok({ changed: (input as { findingIds: number[] }).findingIds.length }),
    'findings:groups': {
      value: {
        total: 2,
        groups: [
          {
            key: 'rule:7',
            label: 'default:Rule_Seven',
            detail: 'outpost-default@1.2.0',
            count: 40,
            maxScore: 90,
            ruleId: 7,
          },
          {
            key: 'rule:9',
            label: 'default:Rule_Nine',
            detail: 'outpost-default@1.2.0',
            count: 2,
            maxScore: 30,
            ruleId: 9,
          },
        ],
      },
    },
    ...extra,
  })
}

/** The list inputs sent so far. */
export function listInputs(bridge: FakeBridge): ListInput[] {
  return bridge.inputsOf('findings:list') as ListInput[]
}
