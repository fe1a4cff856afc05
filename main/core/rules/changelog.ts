import type { PackRule } from './loaded-pack'
import type { DiffSide, PackDiff, RulePair } from './pack-diff'
import type { PackSuppression } from './suppressions-file'

/** What the new CHANGELOG section is about. */
export interface ChangelogRelease {
  readonly version: string
  readonly sequence: number
  /** The release date, YYYY-MM-DD (UTC). */
  readonly day: string
  readonly ruleCount: number
}

/** One release as the changelog compares it beyond its rules. */
export interface ChangelogSide {
  readonly engine: DiffSide['engine']
  readonly suppressions: readonly PackSuppression[]
}

/** The previous and the new release, to say what changed in the engine and suppressions. */
export interface ChangelogSides {
  readonly before: ChangelogSide
  readonly after: ChangelogSide
}

const TITLE = '# Changelog'

/**
 * The section a release adds to `CHANGELOG.md`: `## <version> — <day> (sequence N)` then one
 * subsection per kind of change, each rule by id and name, in the diff's order, then the
 * engine and suppression changes when `sides` are given. Without a
 * previous version (`diff` null) it says "Initial release: N rules". Deterministic: the same
 * diff always gives the same text.
 */
export function changelogSection(
  release: ChangelogRelease,
  diff: PackDiff | null,
  sides: ChangelogSides | null = null,
): string {
  const lines = [`## ${release.version} — ${release.day} (sequence ${release.sequence})`, '']
  if (diff === null) {
    lines.push(`Initial release: ${release.ruleCount} rules.`)
    return `${lines.join('\n')}\n`
  }
  const parts: [string, string[]][] = [
    ['Added', diff.added.map(ruleLabel)],
    ['Removed', diff.removed.map(ruleLabel)],
    ['Renamed', diff.renamed.map((p) => `${idLabel(p.after)} ${p.before.name} → ${p.after.name}`)],
    ['Logic changed', diff.logicChanged.map((p) => ruleLabel(p.after))],
    ['Meta only', diff.metaOnly.map((p) => ruleLabel(p.after))],
    ['Status changed', diff.statusChanged.map(statusLabel)],
    ['Re-identified', diff.reIdentified.map(reIdLabel)],
    ['Engine changed', diff.engineChanged ? engineLines(sides) : []],
    ['Suppressions', sides === null ? [] : suppressionLines(sides)],
  ]
  const present = parts.filter(([, items]) => items.length > 0)
  if (present.length === 0) lines.push(`No rule changes: ${release.ruleCount} rules.`)
  for (const [title, items] of present) {
    lines.push(`### ${title}`, '', ...items.map((item) => `- ${item}`), '')
  }
  while (lines.at(-1) === '') lines.pop()
  return `${lines.join('\n')}\n`
}

/**
 * `existing` with `section` added as the newest entry: after the `# Changelog` title (and any
 * text before the first `## ` section), every earlier section kept byte for byte. A new file
 * gets the title.
 */
export function prependChangelog(existing: string | null, section: string): string {
  if (existing === null || existing.trim() === '') return `${TITLE}\n\n${section}`
  const firstSection = /^## /m.exec(existing)
  if (firstSection === null) {
    const head = existing.endsWith('\n') ? existing : `${existing}\n`
    return `${head}\n${section}`
  }
  const head = existing.slice(0, firstSection.index)
  return `${head}${section}\n${existing.slice(firstSection.index)}`
}

/** True when `text` already has a section for `version` (releasing it twice is a mistake). */
export function hasVersionSection(text: string, version: string): boolean {
  return text.split('\n').some((line) => line.startsWith(`## ${version} `))
}

/** A rule as the changelog names it: its id (or "no id") then its name. */
function ruleLabel(rule: PackRule): string {
  return `${idLabel(rule)} ${rule.name}`
}

function idLabel(rule: PackRule): string {
  return rule.id === null ? '(no id)' : `\`${plain(rule.id)}\``
}

function statusLabel(pair: RulePair): string {
  return `${ruleLabel(pair.after)}: ${pair.before.status} → ${pair.after.status}`
}

function reIdLabel(pair: RulePair): string {
  return `${idLabel(pair.before)} → ${idLabel(pair.after)} ${pair.after.name}`
}

/** What differs between the declared engines, one line per field that changed. */
function engineLines(sides: ChangelogSides | null): string[] {
  const before = sides?.before.engine ?? null
  const after = sides?.after.engine ?? null
  if (before === null || after === null) return ['engine declaration changed']
  const lines: string[] = []
  if (before.min_version !== after.min_version) {
    lines.push(`minimum version ${before.min_version} → ${after.min_version}`)
  }
  for (const field of ['modules', 'externals'] as const) {
    const gained = after[field].filter((name) => !before[field].includes(name))
    const lost = before[field].filter((name) => !after[field].includes(name))
    if (gained.length > 0) lines.push(`${field} added: ${gained.join(', ')}`)
    if (lost.length > 0) lines.push(`${field} removed: ${lost.join(', ')}`)
  }
  return lines.length > 0 ? lines : ['engine declaration changed']
}

/** How the shipped false-positive suppressions changed (a reason edit counts as changed). */
function suppressionLines(sides: ChangelogSides): string[] {
  const key = (s: PackSuppression): string => `${s.ruleKey} ${s.sha256}`
  const old = new Map(sides.before.suppressions.map((s) => [key(s), s.reason]))
  const now = new Map(sides.after.suppressions.map((s) => [key(s), s.reason]))
  const added = [...now.keys()].filter((k) => !old.has(k)).length
  const removed = [...old.keys()].filter((k) => !now.has(k)).length
  const changed = [...now].filter(([k, reason]) => old.has(k) && old.get(k) !== reason).length
  const parts = [
    added > 0 ? `${added} added` : '',
    removed > 0 ? `${removed} removed` : '',
    changed > 0 ? `${changed} with a new reason` : '',
  ].filter((part) => part !== '')
  return parts.length === 0 ? [] : [`${parts.join(', ')} (${now.size} in all)`]
}

/**
 * An id fit for one Markdown line: a manifest id may hold any character, so control characters
 * become spaces and backticks (which would close the code span) become quotes.
 */
function plain(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ').replace(/`/g, "'")
}
