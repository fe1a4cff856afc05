import type { PackDiffView, PackSignatureStatus } from '../../../main/core/model/rule-packs'
import type { BadgeTone } from '../../components/Badge'
import { assertNever } from '../../lib/assert-never'

/**
 * The label of a pack's signature status: "Signed by <org>" for our own or a trusted key (the
 * org as this workbench recorded it, never as the pack claims), "Unsigned", "Bundled".
 */
export function packSignatureLabel(status: PackSignatureStatus, org: string | null): string {
  switch (status) {
    case 'own':
      return org === null ? 'Signed (own key)' : `Signed by ${org} (own key)`
    case 'trusted':
      return org === null ? 'Signed (trusted key)' : `Signed by ${org} (trusted)`
    case 'unsigned':
      return 'Unsigned'
    case 'bundled':
      return 'Bundled with Outpost'
    default:
      return assertNever(status, 'pack signature status')
  }
}

/** Signed or bundled is good news; an unsigned pack is a warning. */
export function packSignatureTone(status: PackSignatureStatus): BadgeTone {
  return status === 'unsigned' ? 'warning' : 'ok'
}

/** The rule-list classes of a diff, in the order the preview shows them. */
export const DIFF_GROUPS = [
  'added',
  'removed',
  'logicChanged',
  'renamed',
  'statusChanged',
  'reIdentified',
  'metaOnly',
] as const

/** One of {@link DIFF_GROUPS}. */
export type DiffGroup = (typeof DIFF_GROUPS)[number]

/** The heading of each diff group, and what it means for the analyst. */
export const DIFF_GROUP_LABELS: Readonly<Record<DiffGroup, { title: string; hint: string }>> = {
  added: { title: 'Added', hint: 'New rules: a retro-hunt runs them on the case.' },
  removed: { title: 'Removed', hint: 'Findings they made stay; new scans will not make them.' },
  logicChanged: {
    title: 'Logic changed',
    hint: 'Patterns or condition changed: a retro-hunt runs them again.',
  },
  renamed: { title: 'Renamed', hint: 'Same rule id, another name: findings stay valid.' },
  statusChanged: { title: 'Status changed', hint: 'active, testing or disabled.' },
  reIdentified: { title: 'Re-identified', hint: 'A new id for the same logic.' },
  metaOnly: {
    title: 'Meta only',
    hint: 'Description, score, tags or comments: nothing to re-scan.',
  },
}

/** How many rules the diff lists in one group. */
export function groupCount(diff: PackDiffView, group: DiffGroup): number {
  return diff[group].length
}

/** "1.0.0 (sequence 1)". */
export function versionLabel(version: string, sequence: number | null): string {
  return sequence === null ? version : `${version} (sequence ${sequence})`
}

/**
 * The key of a rule's per-case state: `id:<id>`, else `name:<namespace>:<name>`. The same rule
 * as `main/core/model/rule-key.ts` (the renderer imports only types from main).
 */
export function packRuleKey(rule: {
  readonly id: string | null
  readonly namespace: string
  readonly name: string
}): string {
  return rule.id !== null && rule.id !== ''
    ? `id:${rule.id}`
    : `name:${rule.namespace}:${rule.name}`
}
