import type { PackDiff } from '../../core/rules/pack-diff'
import { printable } from './findings-command'

/** How many rules each class of a pack diff holds (for `--json` and the summary line). */
export function diffCounts(diff: PackDiff): Record<string, number | boolean> {
  return {
    added: diff.added.length,
    removed: diff.removed.length,
    renamed: diff.renamed.length,
    logicChanged: diff.logicChanged.length,
    metaOnly: diff.metaOnly.length,
    statusChanged: diff.statusChanged.length,
    reIdentified: diff.reIdentified.length,
    engineChanged: diff.engineChanged,
    unchanged: diff.unchanged,
  }
}

/** The diff against the installed version `against`, as lines of `outpost rules import`. */
export function diffLines(diff: PackDiff | null, against: string): string[] {
  if (diff === null) return ['  new pack: nothing of this name is installed']
  const counts = Object.entries(diffCounts(diff)).map(([k, v]) => `${k} ${String(v)}`)
  const lines = [`  against ${printable(against)}: ${counts.join(', ')}`]
  for (const rule of diff.added) lines.push(`    + ${printable(rule.name)}`)
  for (const rule of diff.removed) lines.push(`    - ${printable(rule.name)}`)
  for (const pair of diff.logicChanged) {
    lines.push(`    ~ ${printable(pair.after.name)} (logic changed)`)
  }
  return lines
}
